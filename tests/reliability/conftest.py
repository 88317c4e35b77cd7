"""Fixtures of the reliability matrix: pipelines on local stacks, and the scenario recorder."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# The helpers beside this file and the shared ones in tests/support are plain modules
# (pytest runs with --import-mode=importlib).
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from leaks import LeakScanner
from matrix import SCALE, Scenario
from pipeline import Pipeline, open_pipeline
from pipeline_stack import ROOT, plugins_installed
from report import render

RUN_ID = pytest.StashKey[str]()
TABLE = pytest.StashKey[Path | None]()


def pytest_configure(config: pytest.Config) -> None:
    """One id per test run, shared by pytest-xdist's workers (rows of the table carry it)."""
    workerinput: dict[str, Any] | None = getattr(config, "workerinput", None)
    config.stash[RUN_ID] = workerinput["testrunuid"] if workerinput else uuid.uuid4().hex


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Write the table of this run's rows (the last process to finish writes them all)."""
    session.config.stash[TABLE] = render(session.config.stash[RUN_ID])


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """Print the table at the end of the session."""
    table = config.stash.get(TABLE, None)
    if table is not None:
        terminalreporter.section("reliability matrix")
        terminalreporter.write_line(table.read_text())
        terminalreporter.write_line(f"(written to {table.relative_to(ROOT)})")


@pytest.fixture(scope="session")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipeline]:
    """The pipeline every scenario runs on, one per test process.

    Each scenario ends with the pipeline whole again (or puts it right), so the next one
    starts from a loaded warehouse instead of a full load of its own. Tokens live 5 s on
    this emulator: every run crosses several token lifetimes.
    """
    if not plugins_installed():
        pytest.skip("the Meltano plugins are not installed: run `meltano install`")
    with open_pipeline(tmp_path_factory.mktemp("pipeline"), scale=SCALE, token_ttl=5) as opened:
        yield opened


@pytest.fixture(scope="session")
def scanner(pipeline: Pipeline) -> LeakScanner:
    """The secret scanner of the pipeline."""
    return LeakScanner(pipeline)


@pytest.fixture
def scenario(pipeline: Pipeline, scanner: LeakScanner, request: pytest.FixtureRequest) -> Scenario:
    """A scenario on the pipeline."""
    return Scenario(pipeline, scanner, request.config.stash[RUN_ID])
