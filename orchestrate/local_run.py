"""`make run`: the whole pipeline on the local stack, from nothing to a DuckDB warehouse.

Starts the local stack (S3 server + IGDB emulator), runs
`meltano run tap-igdb target-s3 dbt-duckdb:build` in the `dev` environment, prints a
summary of the marts, and stops the stack. The warehouse stays in output/warehouse.duckdb.

The local lake lives in memory and starts empty on every run, so the run starts from
scratch too: the dev state of the pipeline and the previous warehouse are removed first
(otherwise the tap would resume from a bookmark into an empty lake).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import local_stack

ROOT = Path(__file__).resolve().parent.parent
WAREHOUSE = ROOT / "output" / "warehouse.duckdb"
MELTANO = str(Path(sys.executable).parent / "meltano")
STATE_ID = "dev:tap-igdb-to-target-s3"


def _meltano(*args: str) -> None:
    env = {**os.environ, "MELTANO_ENVIRONMENT": "dev"}
    subprocess.run([MELTANO, *args], cwd=ROOT, env=env, check=True)


def summary() -> None:
    """Print the row count of every mart and a peek at the games dimension."""
    with duckdb.connect(str(WAREHOUSE), read_only=True) as con:
        marts = con.sql(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema like '%marts%' or table_name like 'dim\\_%' escape '\\' "
            "or table_name like 'fct\\_%' escape '\\' order by table_name"
        ).fetchall()
        print("\nMarts in", WAREHOUSE.relative_to(ROOT))
        for schema, table in marts:
            # Names come from the warehouse's own catalog, not from input.
            query = f'select count(*) from "{schema}"."{table}"'  # noqa: S608
            (count,) = con.sql(query).fetchone() or (0,)
            print(f"  {schema}.{table:<40} {count:>12,} rows")


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=2000, help="number of games")
    parser.add_argument("--seed", type=int, default=1, help="emulator data seed")
    args = parser.parse_args()

    started = time.monotonic()
    print(f"== starting the local stack (scale {args.scale})", flush=True)
    local_stack.up(args.scale, args.seed)
    try:
        print("== resetting the dev pipeline state and warehouse", flush=True)
        _meltano("state", "clear", "--force", STATE_ID)
        WAREHOUSE.unlink(missing_ok=True)
        print("== meltano run tap-igdb target-s3 dbt-duckdb:build", flush=True)
        _meltano("run", "tap-igdb", "target-s3", "dbt-duckdb:build")
        summary()
    finally:
        print("== stopping the local stack", flush=True)
        local_stack.down()
    print(f"\nDone in {time.monotonic() - started:.0f} s. Warehouse: {WAREHOUSE}")


if __name__ == "__main__":
    main()
