"""Run the dbt project of transform/ against a lake, as Meltano's dbt-duckdb utility does."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lake import CountingS3Server, Lake

ROOT = Path(__file__).resolve().parents[2]
TRANSFORM = ROOT / "transform"
MELTANO_DBT = ROOT / ".meltano" / "utilities" / "dbt-duckdb" / "venv" / "bin" / "dbt"


def find_dbt() -> Path | None:
    """$DBT_EXECUTABLE, else Meltano's dbt-duckdb install (`meltano install`), else PATH."""
    if configured := os.environ.get("DBT_EXECUTABLE"):
        return Path(configured)
    if MELTANO_DBT.exists():
        return MELTANO_DBT
    found = shutil.which("dbt")
    return Path(found) if found else None


@dataclass
class DbtRun:
    """One finished dbt invocation."""

    returncode: int
    output: str
    results: list[dict[str, Any]]
    seconds: float  # wall clock of the whole dbt process
    cpu_seconds: float  # user + system time of the dbt process
    target: Path  # dbt's target directory (manifest.json, run_results.json)

    def manifest(self) -> dict[str, Any]:
        manifest: dict[str, Any] = json.loads((self.target / "manifest.json").read_text())
        return manifest

    def report(self) -> str:
        """What went wrong: the failed nodes, else the end of dbt's output."""
        return "\n".join(self.failures()) or self.output[-3000:]

    def failures(self) -> list[str]:
        """Nodes that failed, errored or were skipped (warnings are not failures)."""
        return self._nodes(lambda status: status not in ("success", "pass", "warn"))

    def warnings(self) -> list[str]:
        return self._nodes(lambda status: status == "warn")

    def _nodes(self, selected: Callable[[str], bool]) -> list[str]:
        return [
            f"{r['unique_id']}: {r['status']} {r.get('message') or ''}"
            for r in self.results
            if selected(r["status"])
        ]


@dataclass
class DbtProject:
    """The dbt project of transform/, run against one lake into one warehouse file."""

    dbt: Path
    workdir: Path
    s3: CountingS3Server

    def run(self, lake: Lake, warehouse: Path, *args: str, command: str = "build") -> DbtRun:
        """`dbt <command> <args>` with the environment Meltano gives the dbt-duckdb utility."""
        target = self.workdir / f"target-{warehouse.stem}"
        env = {
            **os.environ,
            "DBT_PROJECT_DIR": str(TRANSFORM),
            "DBT_PROFILES_DIR": str(TRANSFORM / "profiles" / "duckdb"),
            "DBT_TARGET_PATH": str(target),
            "DBT_LOG_PATH": str(self.workdir / "logs"),
            "DBT_DUCKDB_PATH": str(warehouse),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "MELTANO_ENVIRONMENT": "dev",
            "IGDB_LAKE_URL": lake.url,
            "IGDB_LAKE_S3_ENDPOINT": self.s3.endpoint,
            "IGDB_LAKE_S3_REGION": "us-east-1",
            "IGDB_LAKE_S3_ACCESS_KEY_ID": "local",
            "IGDB_LAKE_S3_SECRET_ACCESS_KEY": "local",
            "IGDB_LAKE_S3_USE_SSL": "false",
            "IGDB_LAKE_S3_URL_STYLE": "path",
        }
        env.pop("DBT_DUCKDB_MEMORY_LIMIT", None)
        results_file = target / "run_results.json"
        results_file.unlink(missing_ok=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        completed = subprocess.run(
            [str(self.dbt), command, "--project-dir", str(TRANSFORM), *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.monotonic() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        results = json.loads(results_file.read_text())["results"] if results_file.exists() else []
        output = completed.stdout + completed.stderr
        return DbtRun(completed.returncode, output, results, seconds, cpu, target)
