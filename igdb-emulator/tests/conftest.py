"""Fixtures: emulators started once per test module."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from igdb_emulator.admin import ApiClient, EmulatorProcess, run_emulator

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(scope="module")
def small() -> Iterator[EmulatorProcess]:
    """Generated data at a small scale, no limits: for data and query tests."""
    with run_emulator(scale=300, seed=7, requests_per_second=0, max_concurrent=0) as emu:
        yield emu


@pytest.fixture(scope="module")
def client(small: EmulatorProcess) -> ApiClient:
    return ApiClient(small)


def pytest_configure(config: pytest.Config) -> None:
    # Registered here too, so that runs from the workspace root know the marker.
    config.addinivalue_line("markers", "slow: full-scale measurement; runs with `-m slow`")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip slow tests unless a marker expression (`-m slow`) selects tests explicitly."""
    if config.getoption("markexpr"):
        return
    skip = pytest.mark.skip(reason="full-scale measurement: run with `-m slow`")
    here = Path(__file__).parent
    for item in items:  # only this directory's tests: the hook sees every collected test
        if "slow" in item.keywords and item.path.is_relative_to(here):
            item.add_marker(skip)
