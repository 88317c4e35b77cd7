"""Full-table endpoints followed through references between full refreshes."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from igdb_emulator.admin import EmulatorProcess
from tap_harness import RunTap

from tap_igdb.endpoints import BY_NAME
from tap_igdb.references import ALWAYS_FULL, FULL_TABLE, REFERRERS, ReferencePlan, sync_order

STREAMS = [
    "games",
    "game_localizations",
    "covers",
    "screenshots",
    "websites",
]


def test_every_full_table_endpoint_comes_after_what_refers_to_it() -> None:
    order = sync_order()
    assert sorted(order) == sorted(BY_NAME)
    assert set(order[-len(FULL_TABLE) :]) == FULL_TABLE
    for child, parents in REFERRERS.items():
        assert parents, f"nothing refers to {child}"
        for parent, field in parents:
            assert BY_NAME[parent].fields[field].target == child
            if child not in ALWAYS_FULL:
                assert order.index(parent) < order.index(child)


def test_plan_follows_only_when_refreshed_recently_and_parents_are_incremental() -> None:
    now = 1_800_000_000.0
    state = {
        "bookmarks": {
            "games": {"replication_key": "updated_at", "replication_key_value": 1},
            "game_localizations": {"replication_key": "updated_at", "replication_key_value": 1},
            "covers": {"last_full_read": now - 3600},
            "screenshots": {"last_full_read": now - 30 * 3600},
            "websites": {},
        }
    }
    selected = ["games", "game_localizations", "covers", "screenshots", "websites"]
    plan = ReferencePlan(selected=selected, state=state, refresh_hours=24, now=now)
    # covers: refreshed an hour ago; screenshots: a day ago is too long; websites: never.
    assert plan.following == {"covers"}
    assert (
        ReferencePlan(selected=selected, state=state, refresh_hours=0, now=now).following == set()
    )
    # A parent without a bookmark reads in full, so its children must too.
    no_bookmark = copy.deepcopy(state)
    del no_bookmark["bookmarks"]["games"]
    assert (
        ReferencePlan(selected=selected, state=no_bookmark, refresh_hours=24, now=now).following
        == set()
    )
    # A parent that is not selected cannot be followed.
    unselected = ["games", "covers"]
    assert (
        ReferencePlan(selected=unselected, state=state, refresh_hours=24, now=now).following
        == set()
    )


def test_between_refreshes_only_referenced_children_are_read(
    own_emulator: Callable[..., EmulatorProcess], run_tap: RunTap, tap_config: Any
) -> None:
    emulator = own_emulator(requests_per_second=0, max_concurrent=0)
    config = tap_config(emulator, full_table_refresh_hours=24)
    first = run_tap(config, streams=STREAMS)
    assert first.returncode == 0, first.stderr[-3000:]
    counts = emulator.admin.counts()
    assert len(first.records["covers"]) == counts["covers"]
    for name in ("covers", "screenshots", "websites"):
        assert "last_full_read" in first.state["bookmarks"][name]

    changed = emulator.admin.mutate("games", update=4, create=2)
    second = run_tap(config, streams=STREAMS, state=first.state)
    assert second.returncode == 0, second.stderr[-3000:]
    games = {r["id"]: r for r in emulator.admin.records("games")}
    read_games = second.ids("games")
    assert set(changed.updated) | set(changed.created) <= set(read_games)
    localizations = second.records["game_localizations"]
    wanted_covers = {games[i]["cover"] for i in read_games if "cover" in games[i]} | {
        r["cover"] for r in localizations if "cover" in r
    }
    wanted_screens = {s for i in read_games for s in games[i].get("screenshots", [])}
    assert set(second.ids("covers")) == wanted_covers
    assert set(second.ids("screenshots")) == wanted_screens
    assert len(second.records["covers"]) < counts["covers"] / 4
    # The full-read time is kept, so the next refresh stays on schedule.
    assert (
        second.state["bookmarks"]["covers"]["last_full_read"]
        == first.state["bookmarks"]["covers"]["last_full_read"]
    )

    # Once the interval has passed, the endpoint is read in full again.
    stale = copy.deepcopy(second.state)
    stale["bookmarks"]["covers"]["last_full_read"] -= 25 * 3600
    third = run_tap(config, streams=STREAMS, state=stale)
    assert third.returncode == 0, third.stderr[-3000:]
    assert len(third.records["covers"]) == emulator.admin.counts()["covers"]
    assert len(third.records["screenshots"]) < counts["screenshots"] / 4
