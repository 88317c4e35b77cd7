"""The window planner: every id read exactly once, however ids are spread or change."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from tap_igdb.paging import Window, WindowPlanner


class IdTable:
    """A sorted set of ids answering keyset queries the way IGDB does."""

    def __init__(self, ids: set[int]) -> None:
        self.ids = set(ids)

    def page(self, window: Window, limit: int) -> list[int]:
        hits = sorted(
            i for i in self.ids if i > window.after and (window.until is None or i <= window.until)
        )
        return hits[:limit]

    def max_id(self) -> int | None:
        return max(self.ids, default=None)


def drain(
    table: IdTable,
    planner: WindowPlanner,
    *,
    parallel: int = 10,
    between_requests: Callable[[IdTable], None] | None = None,
) -> list[int]:
    """Run the planner to completion against `table`; the ids read, in reading order."""
    seen: list[int] = []
    while not planner.finished:
        windows = planner.take(parallel)
        if not windows:
            assert planner.needs_max_id, "planner stalled without waiting for the max id"
            planner.set_max_id(table.max_id())
            continue
        for window in windows:
            page = table.page(window, planner.page_size)
            seen.extend(page)
            planner.done(window, len(page), page[-1] if page else None)
            if between_requests:
                between_requests(table)
    return seen


@pytest.mark.parametrize("count", [0, 1, 499, 500, 501, 12_345])
def test_dense_ids_are_read_once(count: int) -> None:
    table = IdTable(set(range(1, count + 1)))
    seen = drain(table, WindowPlanner(500))
    assert len(seen) == len(set(seen))
    assert set(seen) == table.ids


def test_sparse_and_clustered_ids_are_read_once() -> None:
    rng = random.Random(7)
    ids = {rng.randrange(1, 10_000_000) for _ in range(3_000)} | set(range(50_000, 52_000))
    table = IdTable(ids)
    seen = drain(table, WindowPlanner(500))
    assert len(seen) == len(set(seen))
    assert set(seen) == ids


def test_windows_aim_at_a_page_each() -> None:
    table = IdTable(set(range(1, 50_001)))
    planner = WindowPlanner(500)
    sizes: list[int] = []
    while not planner.finished:
        windows = planner.take(10)
        if not windows:
            planner.set_max_id(table.max_id())
            continue
        for window in windows:
            page = table.page(window, 500)
            sizes.append(len(page))
            planner.done(window, len(page), page[-1] if page else None)
    # 50,000 dense ids: about 100 windows of ~485 records, none overflowing.
    assert len(sizes) <= 110
    assert sum(sizes) == 50_000


def test_changes_between_pages_never_skip_or_repeat() -> None:
    rng = random.Random(11)
    table = IdTable(set(range(1, 20_001)))
    original = set(table.ids)
    next_id = [20_001]
    deleted: set[int] = set()

    def churn(t: IdTable) -> None:
        # Each request: one record created (new highest id), one deleted.
        t.ids.add(next_id[0])
        next_id[0] += 1
        victim = rng.choice(sorted(t.ids))
        t.ids.discard(victim)
        deleted.add(victim)

    seen = drain(table, WindowPlanner(500), between_requests=churn)
    assert len(seen) == len(set(seen)), "a record was read twice"
    survivors = original - deleted
    assert survivors <= set(seen), "a record that existed throughout was skipped"


def test_shrink_halves_the_page_size() -> None:
    planner = WindowPlanner(500)
    planner.shrink()
    assert planner.page_size == 250


def test_id_zero_is_read() -> None:
    # game_types, date_formats, ... keep IGDB's old enum values as ids, starting at 0.
    table = IdTable(set(range(15)))
    assert sorted(drain(table, WindowPlanner(500))) == list(range(15))
