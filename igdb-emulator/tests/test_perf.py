"""Throughput and memory at full scale (slow: `-m slow`); reports timings, never asserts them."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import requests

from igdb_emulator.admin import run_emulator

LAST_ID = re.compile(rb'\{"id":(\d+)')


def rss_mb(pid: int) -> tuple[float, float]:
    status = dict(
        line.split(":", 1)
        for line in Path(f"/proc/{pid}/status").read_text().splitlines()
        if ":" in line
    )
    return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024


@pytest.mark.slow
def test_full_scale_throughput_and_memory(capsys: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    with run_emulator(scale=375_000, requests_per_second=0, max_concurrent=0) as emu:
        startup = time.monotonic() - started
        counts = emu.admin.counts()
        headers = emu.headers(emu.token())
        session = requests.Session()
        rows, last = 0, 0
        t0 = time.perf_counter()
        for _ in range(100):
            body = f"fields *; where id > {last}; sort id asc; limit 500;"
            content = session.post(f"{emu.api_url}/games", data=body, headers=headers).content
            last = int(LAST_ID.findall(content[-4000:])[-1])
            rows += 500
        elapsed = time.perf_counter() - t0
        rss, peak = rss_mb(emu.process.pid)
        with capsys.disabled():
            print(
                f"\nstartup {startup:.1f} s, {sum(counts.values()):,} rows; games pages: "
                f"{rows / elapsed:,.0f} rows/s; RSS {rss:.0f} MB (peak {peak:.0f} MB)"
            )
        assert sum(counts.values()) > 5_000_000
        assert peak < 1024
