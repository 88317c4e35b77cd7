"""Time `dbt build` on an IGDB-size lake: full and incremental builds, and a baseline.

    .venv/bin/python tests/transform/bench_build.py --scale 375000 --workdir /tmp/igdb-bench

1. ``igdb-emulator generate`` writes the dataset (kept in the workdir for later runs);
2. the dataset goes into an S3 server (moto, in this process) as one run of target-s3,
   with the ``id_sweeps`` records of that run (a first run reads, so sweeps, every endpoint);
3. ``dbt parse`` (as a Meltano project keeps dbt's target directory, later builds parse
   partially), then ``dbt build`` into an empty warehouse (the full build);
4. the baseline, on the same lake: the same project in the old pipeline's style
   (``--vars '{igdb_baseline: true}'``: staging models are views over ``read_json`` of every
   lake file, no ledger, nothing incremental; bridges and marts built on them), parsed, then
   ``dbt build`` with the same tests into an empty warehouse of its own. It is stopped at
   ``--baseline-limit`` times the full build's time; its time is then a lower bound;
5. a later extraction goes in: ``--fraction`` of every endpoint changed or new (incremental
   streams bring those records, full-table streams everything again and their sweeps, as
   tap-igdb does), and ``dbt build`` again (the incremental build), which must read only the
   new files;
6. a third extraction with only changed or new records in every stream (as if the
   full-table streams were extracted incrementally too), and a third ``dbt build``.

dbt comes from $DBT_EXECUTABLE, Meltano's dbt-duckdb install or PATH; threads from
$DBT_DUCKDB_THREADS as in a Meltano run. Every build gets the same DuckDB memory limit
(``--memory-limit``): left at DuckDB's default (80% of RAM), the baseline's concurrent
queries over the raw files grow past what a shared machine has left. ``--json FILE`` writes
the figures (``bench/run.py transform`` reads them).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from dbt_runner import DbtProject, DbtRun, find_dbt
from lake import (
    CountingS3Server,
    Lake,
    Record,
    generate_with_emulator,
    later_extraction,
    record_id,
    sweep,
)
from tap_igdb.endpoints import BY_NAME

FIRST_RUN = datetime(2026, 11, 26, 10, 0, 0, 123456, tzinfo=UTC)
SECOND_RUN = FIRST_RUN + timedelta(days=1)
BASELINE = '{"igdb_baseline": true}'


def read_lines(directory: Path) -> dict[str, list[bytes]]:
    """Every endpoint's JSON lines, unparsed."""
    lines: dict[str, list[bytes]] = {}
    for path in sorted(directory.glob("*.jsonl")):
        with path.open("rb") as f:
            lines[path.stem] = [line for line in f if line.strip()]
    return lines


def sweeps(
    data: Mapping[str, Sequence[Record | bytes]], streams: Iterable[str], when: datetime
) -> list[Record]:
    """The ``id_sweeps`` records of full reads of ``streams`` at ``when``."""
    swept_at = int(when.timestamp())
    return [
        window
        for stream in streams
        for window in sweep(stream, map(record_id, data[stream]), swept_at)
    ]


def describe(label: str, run: DbtRun, downloads: int) -> str:
    nodes = len(run.results)
    failed = run.failures()
    if run.timed_out:
        status = f"stopped at the time limit ({nodes} nodes done)"
    elif run.returncode == 0 and not failed:
        status = f"ok, {nodes} nodes"
    else:
        status = f"FAILED: {failed[:3] or run.output[-2000:]}"
    return (
        f"{label:<18} {run.seconds:7.1f} s wall {run.cpu_seconds:7.1f} s cpu"
        f" {run.peak_rss_mb:6.0f} MB peak RSS  {downloads} files downloaded  {status}"
    )


def figures(
    builds: dict[str, DbtRun], lake: Lake, records: int, memory_limit: str
) -> dict[str, Any]:
    """What bench/run.py reports: seconds and dbt's peak RSS per build, and the ratio."""
    full, baseline = builds["full build"], builds["baseline"]
    found: dict[str, Any] = {
        "memory_limit": memory_limit,
        "records": records,
        "lake_files": len(lake.keys),
        "nodes": len(full.results),
        "baseline_finished": not baseline.timed_out,
    }
    for label, run in builds.items():
        name = label.replace(" ", "_")
        found[f"{name}_seconds"] = round(run.seconds, 1)
        found[f"{name}_cpu_seconds"] = round(run.cpu_seconds, 1)
        found[f"{name}_peak_rss_mb"] = round(run.peak_rss_mb)
        found[f"{name}_ok"] = run.returncode == 0 and not run.failures() and not run.timed_out
        found[f"{name}_returncode"] = run.returncode
    # A baseline stopped at its time limit gives a lower bound; one that failed, nothing.
    valid = found["baseline_ok"] or baseline.timed_out
    found["baseline_ratio"] = round(baseline.seconds / full.seconds, 1) if valid else None
    # CPU time, less sensitive than wall time to other work on a shared machine
    cpu_ratio = baseline.cpu_seconds / full.cpu_seconds
    found["baseline_cpu_ratio"] = round(cpu_ratio, 1) if valid else None
    return found


def remove_warehouse(path: Path) -> None:
    """A DuckDB file with its WAL and spill directory (a killed baseline leaves ~50 GB there)."""
    path.unlink(missing_ok=True)
    path.with_name(path.name + ".wal").unlink(missing_ok=True)
    shutil.rmtree(path.with_name(path.name + ".tmp"), ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=375_000, help="number of games")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fraction", type=float, default=0.01, help="share changed later")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/igdb-bench"))
    parser.add_argument(
        "--baseline-limit",
        type=float,
        default=40.0,
        help="stop the baseline after this many times the full build's time",
    )
    parser.add_argument(
        "--memory-limit",
        default=os.environ.get("DBT_DUCKDB_MEMORY_LIMIT") or "8GB",
        help="DuckDB's memory limit for every build (default $DBT_DUCKDB_MEMORY_LIMIT or 8GB)",
    )
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)
    dbt = find_dbt()
    if dbt is None:
        parser.error("no dbt: run `meltano install` or set DBT_EXECUTABLE")
    args.workdir.mkdir(parents=True, exist_ok=True)
    data_dir = args.workdir / f"emulator-{args.scale}-{args.seed}"
    if not data_dir.exists():
        started = time.monotonic()
        generate_with_emulator(args.scale, args.seed, data_dir)
        print(f"generated the dataset in {time.monotonic() - started:.0f} s", flush=True)
    lines = read_lines(data_dir)
    total = sum(map(len, lines.values()))
    replicated = {name for name, endpoint in BY_NAME.items() if endpoint.replication_key}

    warehouses = {name: args.workdir / f"{name}.duckdb" for name in ("warehouse", "baseline")}
    for warehouse in warehouses.values():
        remove_warehouse(warehouse)
    with CountingS3Server() as s3:
        lake = Lake(s3.client(), "igdb-lake", "igdb/bench/raw")
        started = time.monotonic()
        for stream, records in lines.items():
            lake.write(stream, records, FIRST_RUN)
        lake.write("id_sweeps", sweeps(lines, lines, FIRST_RUN), FIRST_RUN)
        del lines  # GBs the builds want more (read again for the later extractions)
        print(
            f"lake: {total:,} records and their id sweeps in {len(lake.keys)} files"
            f" (written in {time.monotonic() - started:.0f} s)",
            flush=True,
        )
        project = DbtProject(dbt, args.workdir, s3, args.memory_limit)
        ours, baseline = warehouses["warehouse"], warehouses["baseline"]
        parse = project.run(lake, ours, command="parse")
        project.run(lake, baseline, "--vars", BASELINE, command="parse")
        print(f"dbt parse (full, then partial parsing in later builds): {parse.seconds:.1f} s")
        s3.reset()
        builds = {"full build": project.run(lake, ours)}
        report = [describe("full build", builds["full build"], len(s3.downloaded()))]
        print(report[-1], flush=True)

        limit = args.baseline_limit * builds["full build"].seconds
        print(f"baseline: the old pipeline's style, stopped after {limit:.0f} s", flush=True)
        s3.reset()
        builds["baseline"] = project.run(lake, baseline, "--vars", BASELINE, time_limit=limit)
        report.append(describe("baseline", builds["baseline"], len(s3.downloaded())))
        print(report[-1], flush=True)
        remove_warehouse(baseline)

        lines = read_lines(data_dir)
        runs = {
            "incremental build": (replicated, SECOND_RUN),
            "changes only": (set(lines), SECOND_RUN + timedelta(days=1)),
        }
        for label, (streams, when) in runs.items():
            stamp = int(when.timestamp())
            later = later_extraction(lines, streams, args.fraction, stamp, args.seed)
            before = len(lake.keys)
            for stream, later_records in later.items():
                lake.write(stream, later_records, when)
            read_in_full = [stream for stream in later if stream not in streams]
            lake.write("id_sweeps", sweeps(later, read_in_full, when), when)
            changed = sum(len(later[s]) for s in later if s in replicated)
            again = sum(len(later[s]) for s in later if s not in replicated)
            print(
                f"{label}: {changed:,} records of incremental streams, {again:,} of full-table"
                f" streams, {len(lake.keys) - before} files",
                flush=True,
            )
            s3.reset()
            builds[label] = project.run(lake, ours)
            report.append(describe(label, builds[label], len(s3.downloaded())))
            print(report[-1], flush=True)
    found = figures(builds, lake, total, args.memory_limit)
    print("\n".join(report))
    if found["baseline_ratio"] is None:
        print("baseline / full build: none, the baseline failed")
    else:
        bound = "" if found["baseline_finished"] else " (at least: stopped at the time limit)"
        print(
            f"baseline / full build: {found['baseline_ratio']}x wall,"
            f" {found['baseline_cpu_ratio']}x cpu{bound}"
        )
    if args.json:
        args.json.write_text(json.dumps(found, indent=2) + "\n")
    ours = ("full_build", "incremental_build", "changes_only")
    ours_ok = all(found[f"{name}_ok"] for name in ours)
    return 0 if ours_ok and found["baseline_ratio"] is not None else 1


if __name__ == "__main__":
    sys.exit(main())
