"""Fixtures of the dbt project's tests: an S3 server, lakes in it, and dbt runs against them."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The helpers beside the tests are plain modules (tests run with --import-mode=importlib).
sys.path.insert(0, str(Path(__file__).parent))

from dbt_runner import DbtProject, find_dbt
from lake import CountingS3Server, Lake, generate_with_emulator


@pytest.fixture(scope="session")
def dbt_executable() -> Path:
    dbt = find_dbt()
    if dbt is None:
        pytest.skip("dbt-duckdb is not installed: run `meltano install` or set DBT_EXECUTABLE")
    return dbt


@pytest.fixture(scope="session")
def s3_server() -> Iterator[CountingS3Server]:
    with CountingS3Server() as server:
        yield server


@pytest.fixture(scope="session")
def emulator_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small IGDB dataset from the emulator (some endpoints empty at this scale)."""
    return generate_with_emulator(60, 1, tmp_path_factory.mktemp("emulator"))


@pytest.fixture
def lake(s3_server: CountingS3Server, request: pytest.FixtureRequest) -> Lake:
    """An empty lake in a bucket of its own."""
    bucket = request.node.name.replace("_", "-").lower()[:50].strip("-")
    return Lake(s3_server.client(), bucket)


@pytest.fixture
def dbt_project(dbt_executable: Path, s3_server: CountingS3Server, tmp_path: Path) -> DbtProject:
    return DbtProject(dbt_executable, tmp_path, s3_server)
