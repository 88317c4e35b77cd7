"""`make bench`: the benchmark suite. Prints a table, writes bench/results/latest.json.

    python bench/run.py                       # every benchmark at IGDB scale (long)
    python bench/run.py extract-games --scale 375000
    python bench/run.py transform --scale 375000
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
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from igdb_emulator.admin import EmulatorProcess, run_emulator
from measure import run_measured
from stack import PLUGIN_TAP, PLUGIN_TARGET, s3_server, target_config

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


def pipe(name: str, stream: str, scale: int) -> dict[str, Any]:
    """tap-igdb | target-s3 for one stream, emulator limits off: records/s, RSS, CPU."""
    with (
        workdir(name) as work,
        run_emulator(scale=scale, seed=1, requests_per_second=0, max_concurrent=0) as emulator,
        s3_server(work / "s3.log", "bench") as s3,
    ):
        config = work / "tap.json"
        config.write_text(json.dumps(tap_config(emulator)))
        catalog = write_catalog(config, [stream], work / "catalog.json")
        target = work / "target.json"
        target.write_text(json.dumps(target_config(s3, "bench", "bench/raw")))
        command = (
            f"{PLUGIN_TAP} --config {config} --catalog {catalog} 2> {work / 'tap.log'}"
            f" | {PLUGIN_TARGET} --config {target} > /dev/null 2> {work / 'target.log'}"
        )
        measured = run_measured(["bash", "-o", "pipefail", "-c", command])
        if measured.returncode != 0:
            msg = f"{name}: the pipe failed, see {work}"
            raise SystemExit(msg)
        records = record_counts((work / "tap.log").read_text()).get(stream, 0)
        objects = s3.object_count("bench")
    return {
        "stream": stream,
        "records": records,
        "seconds": round(measured.seconds, 1),
        "records_per_second": round(records / measured.seconds),
        "tap_peak_rss_mb": round(measured.peak_rss_mb.get("tap-igdb", 0.0)),
        "target_peak_rss_mb": round(measured.peak_rss_mb.get("target-s3", 0.0)),
        "tap_cpu_seconds": round(measured.cpu_seconds.get("tap-igdb", 0.0), 1),
        "target_cpu_seconds": round(measured.cpu_seconds.get("target-s3", 0.0), 1),
        "lake_objects": objects,
    }


def bench_pipeline_cpu(args: argparse.Namespace) -> Result:
    """tap-igdb | target-s3 (JSONL gzip to S3), limits off: games and a narrow stream."""
    scale = args.cpu_scale
    games = pipe("pipeline-games", "games", scale)
    narrow = pipe("pipeline-narrow", "alternative_names", scale)
    small = pipe("pipeline-games-small", "games", max(1000, scale // 10))
    figures = {
        "games_records_per_second": games["records_per_second"],
        "narrow_records_per_second": narrow["records_per_second"],
        "tap_peak_rss_mb": max(games["tap_peak_rss_mb"], narrow["tap_peak_rss_mb"]),
        "target_peak_rss_mb": max(games["target_peak_rss_mb"], narrow["target_peak_rss_mb"]),
        "games_tap_cpu_share": round(
            games["tap_cpu_seconds"] / (games["tap_cpu_seconds"] + games["target_cpu_seconds"]), 2
        ),
    }
    return Result(
        "pipeline-cpu",
        f"python bench/run.py pipeline-cpu --cpu-scale {scale}",
        figures=figures,
        target=">= 20,000 records/s for games; peak RSS <= 500 MB per process, flat in size",
        met=games["records_per_second"] >= 20_000
        and max(figures["tap_peak_rss_mb"], figures["target_peak_rss_mb"]) <= 500,
        details={"games": games, "narrow": narrow, f"games at {small['records']}": small},
    )


MELTANO = str(BIN / "meltano")
LAKE_BUCKET = "igdb-lake"


def meltano_env(work: Path, emulator: EmulatorProcess, s3_url: str, s3_port: int) -> dict[str, str]:
    """`dev` environment pointed at this benchmark's stack, with its own state and warehouse."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("MELTANO_", "TAP_IGDB_"))}
    return {
        **keep,
        "MELTANO_ENVIRONMENT": "dev",
        "MELTANO_SEND_ANONYMOUS_USAGE_STATS": "false",
        "MELTANO_CLI_DISABLE_VERSION_CHECK": "true",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "MELTANO_DATABASE_URI": f"sqlite:///{work / 'meltano.db'}",
        "TAP_IGDB_API_URL": emulator.api_url,
        "TAP_IGDB_AUTH_URL": emulator.auth_url,
        "TARGET_S3_CLOUD_PROVIDER_AWS_AWS_ENDPOINT_OVERRIDE": s3_url,
        "DBT_DUCKDB_S3_ENDPOINT": f"127.0.0.1:{s3_port}",
        "DBT_DUCKDB_PATH": str(work / "warehouse.duckdb"),
    }


def meltano_run(work: Path, env: dict[str, str], label: str) -> dict[str, Any]:
    """`meltano run tap-igdb target-s3 dbt-duckdb:build`, measured."""
    log = work / f"{label}.log"
    with log.open("w") as out:
        measured = run_measured(
            [MELTANO, "run", "tap-igdb", "target-s3", "dbt-duckdb:build"],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    if measured.returncode != 0:
        msg = f"meltano run ({label}) failed, see {log}"
        raise SystemExit(msg)
    return {
        "seconds": round(measured.seconds, 1),
        "peak_rss_mb": {k: round(v) for k, v in measured.peak_rss_mb.items() if v >= 50},
    }


def change_one_percent(emulator: EmulatorProcess, scale: int) -> dict[str, int]:
    """Update 1 % of games and of their most common children; create a few new ones."""
    changes = {"games": scale // 100}
    counts = emulator.admin.counts()
    for child in ("release_dates", "involved_companies", "websites", "covers", "screenshots"):
        changes[child] = counts[child] // 100
    for endpoint, count in changes.items():
        emulator.admin.mutate(endpoint, update=count, create=max(1, count // 10))
    return changes


def bench_incremental(args: argparse.Namespace) -> Result:
    """A full `meltano run`, 1 % changed, a second run, then one with nothing new."""
    scale = args.scale
    with (
        workdir("incremental") as work,
        run_emulator(scale=scale, seed=1) as emulator,
        s3_server(work / "s3.log", LAKE_BUCKET) as s3,
    ):
        for stale in ("meltano.db", "warehouse.duckdb"):
            (work / stale).unlink(missing_ok=True)
        env = meltano_env(work, emulator, s3.url, s3.port)
        first = meltano_run(work, env, "first")
        changed = change_one_percent(emulator, scale)
        second = meltano_run(work, env, "second")
        third = meltano_run(work, env, "nothing-new")
    ratio = second["seconds"] / first["seconds"]
    return Result(
        "incremental",
        f"python bench/run.py incremental --scale {scale}",
        figures={
            "first_run_seconds": first["seconds"],
            "after_1pct_change_seconds": second["seconds"],
            "ratio": round(ratio, 3),
            "nothing_new_seconds": third["seconds"],
        },
        target="second run <= 0.1 x the first",
        met=ratio <= 0.1,
        details={"changed_records": changed, "first": first, "second": second, "third": third},
    )


# The transform benchmark's dataset, lake and warehouses take several GB: not in the repo.
TRANSFORM_WORK = Path(tempfile.gettempdir()) / "igdb-bench-transform"
TRANSFORM_TARGET_SECONDS = 60
TRANSFORM_TARGET_RATIO = 30


def bench_transform(args: argparse.Namespace) -> Result:
    """`dbt build` on the lake of a full load, then incremental; the old pipeline as baseline."""
    TRANSFORM_WORK.mkdir(parents=True, exist_ok=True)
    figures_file = TRANSFORM_WORK / "figures.json"
    figures_file.unlink(missing_ok=True)
    # tests/transform/bench_build.py: the lake (in an S3 server of its own), the builds, and
    # the baseline (the same project with staging as views over the raw files), timed.
    script = ROOT / "tests" / "transform" / "bench_build.py"
    subprocess.run(
        [
            sys.executable,
            str(script),
            f"--scale={args.scale}",
            f"--workdir={TRANSFORM_WORK}",
            f"--json={figures_file}",
        ],
        cwd=ROOT,
        check=False,
    )
    if not figures_file.exists():
        msg = f"transform: {script.relative_to(ROOT)} failed, see its output above"
        raise SystemExit(msg)
    found = json.loads(figures_file.read_text())
    full = found["full_build_seconds"]
    ratio = found["baseline_ratio"]  # None: the baseline failed
    # A baseline stopped at its time limit gives lower bounds.
    at_least = "" if found["baseline_finished"] else "_at_least"
    ours_ok = found["full_build_ok"] and found["incremental_build_ok"]
    baseline: dict[str, Any] = (
        {"baseline": "FAILED"}
        if ratio is None
        else {
            f"baseline_seconds{at_least}": found["baseline_seconds"],
            f"ratio{at_least}": ratio,
            f"cpu_ratio{at_least}": found["baseline_cpu_ratio"],
        }
    )
    return Result(
        "transform",
        f"python bench/run.py transform --scale {args.scale}",
        figures={
            "full_build_seconds": full,
            "incremental_build_seconds": found["incremental_build_seconds"],
            **baseline,
            "dbt_peak_rss_mb": max(
                found["full_build_peak_rss_mb"], found["incremental_build_peak_rss_mb"]
            ),
            "baseline_dbt_peak_rss_mb": found["baseline_peak_rss_mb"],
        },
        target=(
            f"full build <= {TRANSFORM_TARGET_SECONDS} s and"
            f" >= {TRANSFORM_TARGET_RATIO}x faster than the baseline"
        ),
        met=ours_ok
        and full <= TRANSFORM_TARGET_SECONDS
        and ratio is not None
        and ratio >= TRANSFORM_TARGET_RATIO,
        details=found,
    )


BENCHMARKS: dict[str, Callable[[argparse.Namespace], Result]] = {
    "extract-games": bench_extract_games,
    "extract-all": bench_extract_all,
    "pipeline-cpu": bench_pipeline_cpu,
    "incremental": bench_incremental,
    "transform": bench_transform,
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
    parser.add_argument(
        "--cpu-scale", type=int, default=50_000, help="games for pipeline-cpu (rates, not totals)"
    )
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
