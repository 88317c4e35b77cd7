"""`make bench`: the benchmark suite. Prints a table, writes bench/results/latest.json.

    python bench/run.py                       # every benchmark at IGDB scale (long)
    python bench/run.py extract-games --scale 375000
    python bench/run.py --list

Every figure is printed with the command that reproduces it. Benchmarks run against the
IGDB emulator and a local S3 server on this machine; timings are wall-clock and noisy
(2 cores), so each run records the machine it ran on.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from igdb_emulator.admin import EmulatorProcess, run_emulator
from measure import run_measured

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BIN = Path(sys.executable).parent
TAP = str(BIN / "tap-igdb")
IGDB_SCALE = 375_000
# What the emulator enforces with IGDB's documented limits.
CEILING_ROWS_PER_SECOND = 4 * 10 * 500


@dataclass
class Result:
    """One benchmark's figures and how to reproduce them."""

    name: str
    command: str
    figures: dict[str, Any] = field(default_factory=dict)
    target: str = ""
    met: bool | None = None
    details: dict[str, Any] = field(default_factory=dict)


def tap_config(emulator: EmulatorProcess, **overrides: Any) -> dict[str, Any]:
    """The tap's config for an emulator."""
    return {
        "client_id": emulator.client_id,
        "client_secret": emulator.client_secret,
        "api_url": emulator.api_url,
        "auth_url": emulator.auth_url,
        **overrides,
    }


def write_catalog(config_path: Path, streams: list[str] | None, out: Path) -> Path:
    """The tap's discovered catalog with only `streams` selected (all when None)."""
    catalog = json.loads(
        subprocess.run(
            [TAP, "--config", str(config_path), "--discover"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    for entry in catalog["streams"]:
        for metadata in entry["metadata"]:
            if metadata["breadcrumb"] == []:
                metadata["metadata"]["selected"] = (
                    streams is None or entry["tap_stream_id"] in streams
                )
    out.write_text(json.dumps(catalog))
    return out


_RECORD_COUNT = re.compile(r'"metric":"record_count","value":(\d+),"tags":\{"stream":"(\w+)"')


def record_counts(stderr: str) -> dict[str, int]:
    """Records per stream, from the SDK's record_count metrics in the tap's log."""
    counts: dict[str, int] = {}
    for value, stream in _RECORD_COUNT.findall(stderr):
        counts[stream] = counts.get(stream, 0) + int(value)
    return counts


@contextmanager
def workdir(name: str) -> Iterator[Path]:
    """A scratch directory under bench/results/work (kept for inspection)."""
    path = RESULTS / "work" / name
    path.mkdir(parents=True, exist_ok=True)
    yield path


def extract(
    name: str,
    scale: int,
    streams: list[str] | None,
    *,
    limits: bool,
    command: str,
) -> Result:
    """Run the tap alone (output discarded) against the emulator, and measure it."""
    emulator_options: dict[str, Any] = {"scale": scale, "seed": 1}
    if not limits:
        emulator_options |= {"requests_per_second": 0, "max_concurrent": 0}
    with workdir(name) as work, run_emulator(**emulator_options) as emulator:
        config = work / "config.json"
        config.write_text(json.dumps(tap_config(emulator)))
        catalog = write_catalog(config, streams, work / "catalog.json")
        log = work / "tap.log"
        with log.open("w") as err:
            measured = run_measured(
                [TAP, "--config", str(config), "--catalog", str(catalog)], stderr=err
            )
        if measured.returncode != 0:
            msg = f"{name}: tap-igdb failed, see {log}"
            raise SystemExit(msg)
        counts = record_counts(log.read_text())
        counts.pop("id_sweeps", None)
        expected = emulator.admin.counts()
        stats = emulator.admin.stats()
    total = sum(counts.values())
    wrong = {
        s: (counts.get(s, 0), expected[s])
        for s in (streams or expected)
        if counts.get(s, 0) != expected[s]
    }
    return Result(
        name,
        command,
        figures={
            "records": total,
            "seconds": round(measured.seconds, 1),
            "rows_per_second": round(total / measured.seconds),
            "requests": stats["api_requests"],
            "http_429": stats["throttled"],
            "tap_peak_rss_mb": round(measured.peak_rss_mb.get("tap-igdb", 0.0)),
            "tap_cpu_seconds": round(measured.cpu_seconds.get("tap-igdb", 0.0), 1),
        },
        details={"records_per_stream": counts, "mismatched_counts": wrong},
    )


def bench_extract_all(args: argparse.Namespace) -> Result:
    """Full sync of every stream at IGDB's limits (the tap alone)."""
    result = extract(
        "extract-all",
        args.scale,
        None,
        limits=True,
        command=f"python bench/run.py extract-all --scale {args.scale}",
    )
    result.target = "every record of every endpoint, 0 x 429"
    result.met = not result.details["mismatched_counts"] and result.figures["http_429"] == 0
    return result


def bench_extract_games(args: argparse.Namespace) -> Result:
    """`games` at IGDB's limits, as a share of the ceiling those limits allow."""
    result = extract(
        "extract-games",
        args.scale,
        ["games"],
        limits=True,
        command=f"python bench/run.py extract-games --scale {args.scale}",
    )
    ratio = result.figures["rows_per_second"] / CEILING_ROWS_PER_SECOND
    result.figures["ceiling_rows_per_second"] = CEILING_ROWS_PER_SECOND
    result.figures["ratio_to_ceiling"] = round(ratio, 3)
    result.target = ">= 0.9 of the ceiling, 0 x 429"
    result.met = ratio >= 0.9 and result.figures["http_429"] == 0
    return result


BENCHMARKS: dict[str, Callable[[argparse.Namespace], Result]] = {
    "extract-games": bench_extract_games,
    "extract-all": bench_extract_all,
}


def print_table(results: list[Result]) -> None:
    """The results as a plain-text table, each with its reproduce command."""
    print()
    print(f"{'benchmark':<18} {'met':<5} figures")
    for result in results:
        met = {True: "yes", False: "NO", None: "-"}[result.met]
        figures = ", ".join(f"{k}={v}" for k, v in result.figures.items())
        print(f"{result.name:<18} {met:<5} {figures}")
        if result.target:
            print(f"{'':<24}target: {result.target}")
        print(f"{'':<24}reproduce: {result.command}")


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("benchmarks", nargs="*", help="names (default: all)")
    parser.add_argument("--scale", type=int, default=IGDB_SCALE, help="games in the emulator")
    parser.add_argument("--list", action="store_true", help="list the benchmarks")
    args = parser.parse_args()
    if args.list:
        for name, function in BENCHMARKS.items():
            print(f"{name:<18} {(function.__doc__ or '').strip()}")
        return
    names = args.benchmarks or list(BENCHMARKS)
    unknown = sorted(set(names) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmarks: {', '.join(unknown)} (see --list)")
    results = []
    for name in names:
        print(f"== {name}", flush=True)
        started = time.monotonic()
        results.append(BENCHMARKS[name](args))
        print(f"   done in {time.monotonic() - started:.0f} s", flush=True)
    print_table(results)
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "scale": args.scale,
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "results": [asdict(result) for result in results],
    }
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten to {(RESULTS / 'latest.json').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
