"""Fixtures of the shipping tests: one run of the dev pipeline, shared by the e2e and docs tests."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# Test modules import the helpers beside this file and the shared ones in tests/support
# (pytest runs with --import-mode=importlib).
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from pipeline_stack import PipelineDirs, PipelineRun, base_env, meltano, run_local_stack

SCALE = 100  # games in the emulator: every stream has records, a run takes about a minute


@pytest.fixture(scope="session")
def dev_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PipelineRun]:
    """The daily schedule, run once in `dev` against a stack on free ports."""
    workdir = tmp_path_factory.mktemp("dev-run")
    dirs = PipelineDirs(workdir)
    with run_local_stack(workdir, scale=SCALE, bucket="igdb-lake") as stack:
        # Runs, state, plugin config and the warehouse of this test's own, not the project's.
        env = {**base_env(), **stack.plugin_env(), **dirs.env(), "MELTANO_ENVIRONMENT": "dev"}
        result = meltano("schedule", "run", "igdb-daily", env=env)
        yield PipelineRun(stack, env, dirs.warehouse, result)
