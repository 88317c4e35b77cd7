"""Paging over HTTP while the emulator creates, updates and deletes records between pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from igdb_emulator.admin import EmulatorProcess
from tap_harness import RunTap

SETTINGS = {
    "plain, one at a time": {"multiquery_size": 1, "max_concurrent_requests": 1},
    "plain, concurrent": {"multiquery_size": 1, "max_concurrent_requests": 8},
    "multiquery, concurrent": {"multiquery_size": 10, "max_concurrent_requests": 8},
}


@pytest.mark.parametrize("settings", SETTINGS.values(), ids=SETTINGS.keys())
def test_no_record_is_skipped_or_read_twice_while_data_changes(
    own_emulator: Callable[..., EmulatorProcess],
    run_tap: RunTap,
    tap_config: Any,
    settings: dict[str, int],
) -> None:
    emulator = own_emulator(scale=300, requests_per_second=0, max_concurrent=0)
    before = {record["id"] for record in emulator.admin.records("games")}
    # After every request on games: one record created, two updated, two deleted.
    emulator.admin.churn("games", every_requests=1, create=1, update=2, delete=2)
    run = run_tap(tap_config(emulator, page_size=10, **settings), streams=["games"])
    emulator.admin.stop_churn("games")
    assert run.returncode == 0, run.stderr[-3000:]

    changes = [m for m in emulator.admin.stats()["mutations"] if m["endpoint"] == "games"]
    deleted = {i for m in changes for i in m["deleted"]}
    created = {i for m in changes for i in m["created"]}
    assert len(changes) >= 8, "the churn did not happen while paging"

    read = run.ids("games")
    assert len(read) == len(set(read)), "a record was read twice"
    assert before - deleted <= set(read), "a record that existed all along was skipped"
    assert set(read) <= before | created
