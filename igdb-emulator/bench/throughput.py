"""Rows per second the emulator serves for `games` pages, and its memory, at a given scale.

Usage: python bench/throughput.py [--scale 375000] [--rows 100000] [--clients 4]

Starts one emulator (one asyncio thread: one core) with limits off, then reads `games` the
way the tap does: `fields *; where id > A & id <= B [& updated_at >= T]; sort id asc;
limit 500;` id windows, as plain requests or as /multiquery with ten windows each. The
client threads only count rows (no JSON parsing), so the figure is the emulator's; with
several clients the server never waits for the client between pages. Each scenario reads a
fresh id range (cold: generated on demand) unless marked warm (served from the cache).
Besides wall-clock rows/s it reports rows per CPU-second of the server process, which does
not depend on what else the machine is running.
"""

from __future__ import annotations

import argparse
import os
import threading
import time
from pathlib import Path

import requests

from igdb_emulator.admin import EmulatorProcess, run_emulator

WINDOW = 520  # ids per window: ~500 games (4% of ids are gaps)


def rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process in MB."""
    lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    status = dict(line.split(":", 1) for line in lines if ":" in line)
    return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used: its own, not the machine's."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def read(
    emu: EmulatorProcess,
    headers: dict[str, str],
    *,
    first_id: int,
    rows: int,
    clients: int,
    multiquery: bool,
    since: int | None,
) -> tuple[int, int, float]:
    """Read about ``rows`` games from ``first_id`` on: (rows, bytes, seconds)."""
    extra = f" & updated_at >= {since}" if since is not None else ""
    per_request = 10 if multiquery else 1
    requests_needed = max(1, rows // (500 * per_request))
    counts = [0] * clients
    sizes = [0] * clients

    def body(window: int) -> tuple[str, str]:
        def query(w: int) -> str:
            a = first_id + w * WINDOW
            return f"fields *; where id > {a} & id <= {a + WINDOW}{extra}; sort id asc; limit 500;"

        if not multiquery:
            return "games", query(window)
        blocks = (f'query games "w{i}" {{ {query(window * 10 + i)} }};' for i in range(10))
        return "multiquery", " ".join(blocks)

    def worker(k: int) -> None:
        session = requests.Session()
        for n in range(k, requests_needed, clients):
            path, text = body(n)
            response = session.post(f"{emu.api_url}/{path}", data=text.encode(), headers=headers)
            response.raise_for_status()
            counts[k] += response.content.count(b'{"id":')
            sizes[k] += len(response.content)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts), sum(sizes), time.perf_counter() - started


def main() -> None:
    """Run the scenarios and print one line each."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=375_000)
    parser.add_argument("--rows", type=int, default=100_000, help="rows per scenario")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--cache-mb", type=int, default=64)
    args = parser.parse_args()
    started = time.monotonic()
    with run_emulator(
        scale=args.scale, requests_per_second=0, max_concurrent=0, cache_mb=args.cache_mb
    ) as emu:
        print(f"startup (data build + listen): {time.monotonic() - started:.1f} s")
        print("RSS after start: {:.0f} MB (peak {:.0f} MB)".format(*rss_mb(emu.process.pid)))
        headers = emu.headers(emu.token())
        span = args.rows * WINDOW // 500 + WINDOW * 20
        scenarios = [  # (label, first id, clients, multiquery, updated_at >= ...)
            (f"plain, {args.clients} clients, cold", 0, args.clients, False, None),
            (f"plain, {args.clients} clients, warm", 0, args.clients, False, None),
            ("plain, 1 client, cold", span, 1, False, None),
            (f"multiquery x10, {args.clients} clients, cold", 2 * span, args.clients, True, None),
            (
                f"incremental (50% match), {args.clients} clients, cold",
                3 * span,
                args.clients,
                False,
                1_750_000_000,
            ),
        ]
        for label, first_id, clients, multiquery, since in scenarios:
            cpu = cpu_seconds(emu.process.pid)
            rows, size, seconds = read(
                emu,
                headers,
                first_id=first_id,
                rows=args.rows,
                clients=clients,
                multiquery=multiquery,
                since=since,
            )
            cpu = cpu_seconds(emu.process.pid) - cpu
            print(
                f"{label:45s}: {rows:7,} rows in {seconds:5.2f} s = {rows / seconds:8,.0f} rows/s"
                f" wall, {rows / cpu:8,.0f} rows per server CPU-second"
                f" ({size / seconds / 1e6:5.1f} MB/s, {size / max(rows, 1):.0f} B/row)"
            )
        print("RSS at end: {:.0f} MB (peak {:.0f} MB)".format(*rss_mb(emu.process.pid)))


if __name__ == "__main__":
    main()
