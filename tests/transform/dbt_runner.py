"""Run the dbt project of transform/ against a lake, as Meltano's dbt-duckdb utility does."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
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
    peak_rss_mb: float = 0.0  # largest resident memory of dbt (and any child) seen
    timed_out: bool = False  # stopped at the time limit

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
    memory_limit: str | None = None  # DuckDB's (DBT_DUCKDB_MEMORY_LIMIT); None: 80% of RAM

    def run(
        self,
        lake: Lake,
        warehouse: Path,
        *args: str,
        command: str = "build",
        time_limit: float | None = None,
    ) -> DbtRun:
        """`dbt <command> <args>` with the environment Meltano gives the dbt-duckdb utility.

        dbt is stopped after `time_limit` seconds, if given (the run is then `timed_out`).
        """
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
        if self.memory_limit:
            env["DBT_DUCKDB_MEMORY_LIMIT"] = self.memory_limit
        results_file = target / "run_results.json"
        results_file.unlink(missing_ok=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        with tempfile.TemporaryFile("w+") as log:
            process = subprocess.Popen(
                [str(self.dbt), command, "--project-dir", str(TRANSFORM), *args],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                text=True,
            )
            peak_rss, timed_out = _watch(process, started, time_limit)
            seconds = time.monotonic() - started
            log.seek(0)
            output = log.read()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        results = json.loads(results_file.read_text())["results"] if results_file.exists() else []
        return DbtRun(
            process.returncode,
            output,
            results,
            seconds,
            cpu,
            target,
            peak_rss_mb=peak_rss / 2**20,
            timed_out=timed_out,
        )


def _watch(
    process: subprocess.Popen[str], started: float, time_limit: float | None
) -> tuple[int, bool]:
    """Wait for `process`, sampling its resident memory; stop it at `time_limit` seconds.

    Returns the peak RSS in bytes (the process and its children, summed) and whether the
    time limit stopped it.
    """
    root = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree))
        except psutil.Error:  # it, or a child, just exited
            pass
        if time_limit is not None and time.monotonic() - started > time_limit:
            process.kill()
            process.wait()
            return peak, True
        time.sleep(0.1)
    return peak, False
