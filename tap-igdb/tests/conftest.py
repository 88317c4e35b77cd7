"""Fixtures: an IGDB emulator over real HTTP, and the tap run as a real process."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from igdb_emulator.admin import EmulatorProcess, run_emulator

# Test modules import the harness beside this file (pytest runs with --import-mode=importlib).
sys.path.insert(0, str(Path(__file__).parent))

from tap_harness import RunTap, TapRun, config_for, run_tap_process


@pytest.fixture
def tap_config() -> Callable[..., dict[str, Any]]:
    """`tap_config(emulator, **overrides)`: config pointing the tap at an emulator."""
    return config_for


@pytest.fixture
def run_tap(tmp_path: Path) -> RunTap:
    """Run `tap-igdb` as a process; returns its parsed Singer output."""
    counter = iter(range(1_000_000))

    def run(config: dict[str, Any], **options: Any) -> TapRun:
        workdir = tmp_path / f"run{next(counter)}"
        workdir.mkdir()
        return run_tap_process(workdir, config, **options)

    return run

    return run


@pytest.fixture(scope="session")
def emulator() -> Iterator[EmulatorProcess]:
    """A shared emulator with no limits; tests that change data or faults use their own."""
    with run_emulator(scale=200, seed=7, requests_per_second=0, max_concurrent=0) as process:
        yield process


@pytest.fixture
def own_emulator() -> Iterator[Callable[..., EmulatorProcess]]:
    """Start an emulator with the given options for one test (stopped afterwards)."""
    with contextlib.ExitStack() as stack:

        def start(**options: Any) -> EmulatorProcess:
            options.setdefault("scale", 200)
            options.setdefault("seed", 7)
            return stack.enter_context(run_emulator(**options))

        yield start
