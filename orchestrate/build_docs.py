"""`make docs`: the dbt docs site as one HTML file a browser opens from disk.

    python orchestrate/build_docs.py [--warehouse PATH] [--out output/docs] [--scale N --seed N]

Runs `meltano invoke dbt-duckdb docs generate --static` (dbt's single-file site, with the
manifest and the warehouse's catalog inside) in the active Meltano environment (`dev` unless
MELTANO_ENVIRONMENT says otherwise) and copies it to <out>/index.html. dbt reads the column
types from the warehouse: when the default warehouse (output/warehouse.duckdb, or
DBT_DUCKDB_PATH) does not exist yet, it is built first on the local stack, as `make run` does.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_WAREHOUSE = ROOT / "output" / "warehouse.duckdb"


def build_warehouse(scale: int, seed: int) -> None:
    """Build output/warehouse.duckdb with the whole pipeline on the local stack."""
    print(f"== no warehouse yet: building one on the local stack (scale {scale})", flush=True)
    run = [str(BIN / "python"), str(ROOT / "orchestrate" / "local_run.py")]
    subprocess.run([*run, "--scale", str(scale), "--seed", str(seed)], cwd=ROOT, check=True)


def generate(warehouse: Path, out: Path) -> Path:
    """Run dbt's docs generate --static against `warehouse`; return <out>/index.html."""
    env = {**os.environ, "DBT_DUCKDB_PATH": str(warehouse)}
    env.setdefault("MELTANO_ENVIRONMENT", "dev")
    with tempfile.TemporaryDirectory(prefix="dbt-docs-") as target:
        # A target directory of its own: the project's (dbt's partial parse, run results) stays.
        command = ["invoke", "dbt-duckdb", "docs", "generate", "--static", "--target-path", target]
        subprocess.run([str(BIN / "meltano"), *command], cwd=ROOT, env=env, check=True)
        out.mkdir(parents=True, exist_ok=True)
        page = out / "index.html"
        shutil.copyfile(Path(target) / "static_index.html", page)
    return page


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, help="DuckDB file (default: the pipeline's)")
    parser.add_argument("--out", type=Path, default=ROOT / "output" / "docs", help="directory")
    parser.add_argument("--scale", type=int, default=2000, help="games, if a warehouse is built")
    parser.add_argument("--seed", type=int, default=1, help="emulator seed, if one is built")
    args = parser.parse_args()

    warehouse = args.warehouse or Path(os.environ.get("DBT_DUCKDB_PATH") or DEFAULT_WAREHOUSE)
    if not warehouse.exists():
        if warehouse.resolve() != DEFAULT_WAREHOUSE:
            raise SystemExit(f"no warehouse at {warehouse}")
        build_warehouse(args.scale, args.seed)
    page = generate(warehouse.resolve(), args.out.resolve())
    print(f"\nDocs: {page}\nOpen it in a browser: file://{page}")


if __name__ == "__main__":
    main()
