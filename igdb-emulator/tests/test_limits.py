"""Rate and concurrency limits: IGDB's 429, token bucket, multiquery counted once."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import pytest
import requests

from igdb_emulator.admin import EmulatorProcess, run_emulator

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(scope="module")
def emu() -> Iterator[EmulatorProcess]:
    with run_emulator(scale=50, requests_per_second=4, max_concurrent=8) as emu:
        yield emu


@pytest.fixture
def headers(emu: EmulatorProcess) -> dict[str, str]:
    emu.admin.reset()
    time.sleep(1.1)  # let the bucket refill
    return emu.headers(emu.token())


def post(
    emu: EmulatorProcess, headers: dict[str, str], path: str = "games", body: str = "fields id;"
) -> requests.Response:
    return requests.post(f"{emu.api_url}/{path}", data=body.encode(), headers=headers, timeout=30)


def test_burst_above_rate_gets_429_without_retry_after(
    emu: EmulatorProcess, headers: dict[str, str]
) -> None:
    session = requests.Session()
    responses = [
        session.post(f"{emu.api_url}/games", data=b"fields id;", headers=headers) for _ in range(12)
    ]
    statuses = [r.status_code for r in responses]
    assert statuses[:4] == [200] * 4  # bucket capacity = rate
    assert 429 in statuses
    throttled = next(r for r in responses if r.status_code == 429)
    assert throttled.content == b'{"message":"Too Many Requests"}'
    assert "Retry-After" not in throttled.headers
    assert not any(h.lower().startswith(("x-ratelimit", "ratelimit")) for h in throttled.headers)
    stats = emu.admin.stats()
    assert stats["throttled"] == statuses.count(429)
    assert stats["responses_by_status"]["429"] == statuses.count(429)


def test_paced_requests_pass(emu: EmulatorProcess, headers: dict[str, str]) -> None:
    session = requests.Session()
    statuses = []
    for _ in range(10):
        statuses.append(
            session.post(f"{emu.api_url}/games", data=b"fields id;", headers=headers).status_code
        )
        time.sleep(0.26)
    assert statuses == [200] * 10


def test_throttled_requests_consume_no_tokens(
    emu: EmulatorProcess, headers: dict[str, str]
) -> None:
    session = requests.Session()
    for _ in range(30):  # hammer: only the first 4 pass
        session.post(f"{emu.api_url}/games", data=b"fields id;", headers=headers)
    time.sleep(0.55)  # two tokens refilled, none taken by the 429s
    statuses = [
        session.post(f"{emu.api_url}/games", data=b"fields id;", headers=headers).status_code
        for _ in range(3)
    ]
    assert statuses[:2] == [200, 200]


def test_multiquery_counts_once(emu: EmulatorProcess, headers: dict[str, str]) -> None:
    body = " ".join(
        f'query games "q{i}" {{ fields id; where id > {i}; limit 1; }};' for i in range(10)
    )
    statuses = [post(emu, headers, "multiquery", body).status_code for _ in range(4)]
    assert statuses == [200] * 4  # 40 sub-queries, 4 requests
    assert post(emu, headers, "multiquery", body).status_code == 429
    assert emu.admin.stats()["api_requests_by_path"]["/v4/multiquery"] == 5


def test_concurrency_above_max_gets_429(emu: EmulatorProcess, headers: dict[str, str]) -> None:
    emu.admin.set_limits(requests_per_second=0, max_concurrent=2)
    emu.admin.faults(latency_ms=400)
    try:
        with ThreadPoolExecutor(6) as pool:
            statuses = list(pool.map(lambda _: post(emu, headers).status_code, range(6)))
        assert statuses.count(200) == 2
        assert statuses.count(429) == 4
        assert emu.admin.stats()["max_concurrent_observed"] >= 3
    finally:
        emu.admin.reset()


def test_limits_off(emu: EmulatorProcess, headers: dict[str, str]) -> None:
    emu.admin.set_limits(requests_per_second=0, max_concurrent=0)
    session = requests.Session()
    statuses = {
        session.post(f"{emu.api_url}/games", data=b"fields id;", headers=headers).status_code
        for _ in range(30)
    }
    assert statuses == {200}


def test_arrivals_measure_the_rate(emu: EmulatorProcess, headers: dict[str, str]) -> None:
    before = time.monotonic()
    for _ in range(3):
        post(emu, headers)
        time.sleep(0.3)
    arrivals = emu.admin.stats()["arrivals"]
    assert len(arrivals) == 3
    assert before <= arrivals[0] <= arrivals[-1] <= time.monotonic()  # same clock as ours
    assert arrivals[-1] - arrivals[0] >= 0.55
