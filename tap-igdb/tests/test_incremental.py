"""Incremental replication: the second run reads exactly what changed since the bookmark."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from igdb_emulator.admin import EmulatorProcess
from tap_harness import RunTap

STREAMS = ["games", "platforms", "covers"]  # two incremental, one full-table


def bookmark(state: dict[str, Any], stream: str) -> int:
    value = state["bookmarks"][stream]["replication_key_value"]
    assert isinstance(value, int)
    return value


def test_second_run_reads_exactly_the_records_changed_since_the_bookmark(
    own_emulator: Callable[..., EmulatorProcess], run_tap: RunTap, tap_config: Any
) -> None:
    emulator = own_emulator(requests_per_second=0, max_concurrent=0)
    config = tap_config(emulator)
    first = run_tap(config, streams=STREAMS)
    assert first.returncode == 0, first.stderr[-3000:]
    counts = emulator.admin.counts()
    assert {s: len(first.records[s]) for s in STREAMS} == {s: counts[s] for s in STREAMS}
    mark = bookmark(first.state, "games")
    assert mark == max(record["updated_at"] for record in first.records["games"])
    assert "progress_markers" not in first.state["bookmarks"]["games"]

    # Changes: updates, creations, and a record updated in the bookmark's own second.
    updated = emulator.admin.mutate("games", update=5, create=3)
    same_second = emulator.admin.mutate("games", update=2, same_second_as=mark)
    emulator.admin.mutate("platforms", update=1)

    second = run_tap(config, streams=STREAMS, state=first.state)
    assert second.returncode == 0, second.stderr[-3000:]
    current = {r["id"]: r for r in emulator.admin.records("games")}
    expected = {i for i, r in current.items() if r["updated_at"] >= mark}
    read = second.ids("games")
    assert sorted(read) == sorted(expected)
    assert set(updated.updated) | set(updated.created) | set(same_second.updated) <= set(read)
    assert all(r == current[r["id"]] for r in second.records["games"]), "stale version read"
    # Nothing that stayed unchanged before the bookmark is read again.
    assert len(read) < len(current) / 2

    assert len(second.records["platforms"]) >= 1
    assert len(second.records["platforms"]) < counts["platforms"]
    # Full-table streams are read in full on every run.
    assert len(second.records["covers"]) == counts["covers"]
    assert bookmark(second.state, "games") >= mark


def test_start_date_limits_the_first_run(
    emulator: EmulatorProcess, run_tap: RunTap, tap_config: Any
) -> None:
    all_games = list(emulator.admin.records("games"))
    cut = sorted(r["updated_at"] for r in all_games)[len(all_games) // 2]
    start = datetime.fromtimestamp(cut, UTC).isoformat()
    run = run_tap(tap_config(emulator, start_date=start), streams=["games"])
    assert run.returncode == 0, run.stderr[-3000:]
    assert sorted(run.ids("games")) == sorted(r["id"] for r in all_games if r["updated_at"] >= cut)


def test_bookmark_never_passes_the_start_of_the_sync(
    own_emulator: Callable[..., EmulatorProcess], run_tap: RunTap, tap_config: Any
) -> None:
    emulator = own_emulator(requests_per_second=0, max_concurrent=0)
    # Records updated while the tap pages get updated_at = now: they may or may not be read,
    # but the bookmark must stay at or before the sync's start so the next run reads them.
    emulator.admin.churn("games", every_requests=1, update=3)
    run = run_tap(tap_config(emulator, page_size=20, multiquery_size=1), streams=["games"])
    emulator.admin.stop_churn("games")
    assert run.returncode == 0, run.stderr[-3000:]
    churned = [m for m in emulator.admin.stats()["mutations"] if m["source"] == "churn"]
    first_change = min(m["time"] for m in churned)
    assert bookmark(run.state, "games") <= first_change


def test_a_run_with_nothing_new_costs_one_request_per_ten_endpoints(
    own_emulator: Callable[..., EmulatorProcess], run_tap: RunTap, tap_config: Any
) -> None:
    emulator = own_emulator(requests_per_second=0, max_concurrent=0)
    streams = [e for e in emulator.admin.counts() if e not in {"covers", "screenshots"}][:25]
    config = tap_config(emulator)
    first = run_tap(config, streams=streams)
    assert first.returncode == 0, first.stderr[-3000:]
    emulator.admin.reset()
    second = run_tap(config, streams=streams, state=first.state)
    assert second.returncode == 0, second.stderr[-3000:]
    # Every first page (here: the whole change set) comes in three /multiquery requests.
    assert emulator.admin.stats()["api_requests"] == 3
    assert "Fetched the first page of 25 endpoints in 3 requests" in second.stderr
