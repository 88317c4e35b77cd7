"""Time `dbt build` on an IGDB-size lake: a full build, then an incremental one after a change.

    .venv/bin/python tests/transform/bench_build.py --scale 375000 --workdir /tmp/igdb-bench

1. ``igdb-emulator generate`` writes the dataset (kept in the workdir for later runs);
2. the dataset goes into an S3 server (moto, in this process) as one run of target-s3;
3. ``dbt parse`` (as a Meltano project keeps dbt's target directory, later builds parse
   partially), then ``dbt build`` into an empty warehouse (the full build);
4. a later extraction goes in: ``--fraction`` of every endpoint changed or new (incremental
   streams bring those records, full-table streams everything again, as tap-igdb does);
5. ``dbt build`` again (the incremental build), which must read only the new files;
6. a third extraction with only changed or new records in every stream (as if the
   full-table streams were extracted incrementally too), and a third ``dbt build``.

dbt comes from $DBT_EXECUTABLE, Meltano's dbt-duckdb install or PATH; threads and memory
from $DBT_DUCKDB_THREADS / $DBT_DUCKDB_MEMORY_LIMIT as in a Meltano run.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from dbt_runner import DbtProject, DbtRun, find_dbt
from lake import CountingS3Server, Lake, generate_with_emulator, later_extraction
from tap_igdb.endpoints import BY_NAME

FIRST_RUN = datetime(2026, 11, 26, 10, 0, 0, 123456, tzinfo=UTC)
SECOND_RUN = FIRST_RUN + timedelta(days=1)


def read_lines(directory: Path) -> dict[str, list[bytes]]:
    """Every endpoint's JSON lines, unparsed."""
    lines: dict[str, list[bytes]] = {}
    for path in sorted(directory.glob("*.jsonl")):
        with path.open("rb") as f:
            lines[path.stem] = [line for line in f if line.strip()]
    return lines


def describe(label: str, run: DbtRun, downloads: int) -> str:
    nodes = len(run.results)
    failed = run.failures()
    status = "ok" if run.returncode == 0 and not failed else f"FAILED: {failed[:3]}"
    return (
        f"{label:<18} {run.seconds:7.1f} s wall {run.cpu_seconds:7.1f} s cpu"
        f"  {nodes} nodes  {downloads} files downloaded  {status}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=375_000, help="number of games")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fraction", type=float, default=0.01, help="share changed later")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/igdb-bench"))
    args = parser.parse_args(argv)
    dbt = find_dbt()
    if dbt is None:
        parser.error("no dbt: run `meltano install` or set DBT_EXECUTABLE")
    args.workdir.mkdir(parents=True, exist_ok=True)
    data_dir = args.workdir / f"emulator-{args.scale}-{args.seed}"
    if not data_dir.exists():
        started = time.monotonic()
        generate_with_emulator(args.scale, args.seed, data_dir)
        print(f"generated the dataset in {time.monotonic() - started:.0f} s")
    lines = read_lines(data_dir)
    total = sum(map(len, lines.values()))
    replicated = {name for name, endpoint in BY_NAME.items() if endpoint.replication_key}

    warehouse = args.workdir / "warehouse.duckdb"
    warehouse.unlink(missing_ok=True)
    with CountingS3Server() as s3:
        lake = Lake(s3.client(), "igdb-lake", "igdb/bench/raw")
        started = time.monotonic()
        for stream, records in lines.items():
            lake.write(stream, records, FIRST_RUN)
        print(
            f"lake: {total:,} records in {len(lake.keys)} files"
            f" (written in {time.monotonic() - started:.0f} s)"
        )
        project = DbtProject(dbt, args.workdir, s3)
        parse = project.run(lake, warehouse, command="parse")
        print(f"dbt parse (full, then partial parsing in later builds): {parse.seconds:.1f} s")
        s3.reset()
        full = project.run(lake, warehouse)
        report = [describe("full build", full, len(s3.downloaded()))]

        runs = {
            "incremental build": (replicated, SECOND_RUN),
            "changes only": (set(lines), SECOND_RUN + timedelta(days=1)),
        }
        builds = [full]
        for label, (streams, when) in runs.items():
            stamp = int(when.timestamp())
            later = later_extraction(lines, streams, args.fraction, stamp, args.seed)
            before = len(lake.keys)
            for stream, later_records in later.items():
                lake.write(stream, later_records, when)
            changed = sum(len(later[s]) for s in later if s in replicated)
            again = sum(len(later[s]) for s in later if s not in replicated)
            print(
                f"{label}: {changed:,} records of incremental streams, {again:,} of full-table"
                f" streams, {len(lake.keys) - before} files"
            )
            s3.reset()
            builds.append(project.run(lake, warehouse))
            report.append(describe(label, builds[-1], len(s3.downloaded())))
    print("\n".join(report))
    return 0 if all(run.returncode == 0 for run in builds) else 1


if __name__ == "__main__":
    sys.exit(main())
