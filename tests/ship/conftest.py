"""Fixtures of the shipping tests: one run of the dev pipeline, shared by the e2e and docs tests."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# Test modules import the helpers beside this file (pytest runs with --import-mode=importlib).
sys.path.insert(0, str(Path(__file__).parent))

from pipeline_stack import PipelineRun, base_env, meltano, run_local_stack

SCALE = 100  # games in the emulator: every stream has records, a run takes about a minute


@pytest.fixture(scope="session")
def dev_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PipelineRun]:
    """The daily schedule, run once in `dev` against a stack on free ports."""
    workdir = tmp_path_factory.mktemp("dev-run")
    with run_local_stack(workdir, scale=SCALE, bucket="igdb-lake") as stack:
        env = {
            **base_env(),
            **stack.plugin_env(),
            "MELTANO_ENVIRONMENT": "dev",
            # Runs and state in a database of this test's own, not the project's.
            "MELTANO_DATABASE_URI": f"sqlite:///{workdir / 'meltano.db'}",
            "DBT_DUCKDB_PATH": str(workdir / "warehouse.duckdb"),
            "DBT_DUCKDB_TARGET_PATH": str(workdir / "dbt-target"),
            "DBT_LOG_PATH": str(workdir / "dbt-logs"),
        }
        result = meltano("schedule", "run", "igdb-daily", env=env)
        yield PipelineRun(stack, env, workdir / "warehouse.duckdb", result)
