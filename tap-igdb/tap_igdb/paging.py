"""Keyset paging over id windows: how the tap splits an endpoint into pages.

IGDB documents `sort id asc` paging with `offset`, which skips or repeats records when
records are created or deleted between pages. Here every page is a keyset query on an
id window instead: `where id > after & id <= until; sort id asc; limit N;`. Windows
partition the id space, so each record belongs to exactly one window, and a window that
holds more than one page is continued from its last id. Records created, updated or
deleted while the tap pages are therefore never read twice or skipped.

Because windows are fixed id ranges, not "the page after the last one", several can be
in flight at once (concurrent requests, or one `/multiquery` holding ten). Window
widths come from the density of ids seen so far, aiming at just under one page each.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from typing import Protocol

# Aim each window at this share of a page: a window that overflows costs one more
# (small) query, a window that underfills wastes part of a request.
_FILL = 0.95

# Ids are non-negative and some start at 0: lookup tables that replaced IGDB's enums
# kept the enum values as ids (game_types 0 = main_game).
FIRST_AFTER = -1

# Bounded windows planned from the probe's density before the highest id is known, so
# that the request asking for the highest id carries data too.
SPECULATIVE_WINDOWS = 9


@dataclass(frozen=True)
class Window:
    """Ids in the half-open range (after, until]; `until=None` is open-ended.

    A window may instead name its ids (`ids`): known records read by id.
    """

    after: int
    until: int | None
    ids: tuple[int, ...] = ()

    def continued_from(self, last_id: int) -> Window:
        """The rest of this window after a full page ending at `last_id`."""
        if self.ids:
            return Window(last_id, self.until, tuple(i for i in self.ids if i > last_id))
        return Window(last_id, self.until)


class Planner(Protocol):
    """What the reader needs from a planner of windows (see WindowPlanner)."""

    page_size: int

    @property
    def max_id(self) -> int | None: ...
    @property
    def needs_max_id(self) -> bool: ...
    @property
    def finished(self) -> bool: ...
    def take(self, limit: int) -> list[Window]: ...
    def done(self, window: Window, count: int, last_id: int | None) -> None: ...
    def set_max_id(self, max_id: int | None) -> None: ...
    def retry(self, window: Window) -> None: ...
    def shrink(self) -> None: ...


class WindowPlanner:
    """Hands out id windows to read and learns from what each returned.

    Life cycle: a first open-ended window probes the endpoint. If it returns a full
    page, bounded windows are planned up to the highest id (`max_id`, learned from a
    `sort id desc; limit 1;` query; until it is known, at most `SPECULATIVE_WINDOWS`
    are planned from the probe's density), then one open-ended window catches records
    created while paging.
    """

    def __init__(self, page_size: int, *, after: int = FIRST_AFTER) -> None:
        self.page_size = page_size
        self.max_id: int | None = None
        self._cursor = after  # every id above this is not in any window yet
        self._ready: deque[Window] = deque([Window(after, None)])
        self._outstanding: set[Window] = set()
        self._records = 0  # records seen in completed windows ...
        self._span = 0  # ... and the width of id space they covered
        self._probed = False
        self._tail_out = False  # the open-ended window has been handed out
        self._speculative = SPECULATIVE_WINDOWS

    @property
    def finished(self) -> bool:
        """Whether every window has been read completely."""
        return self._probed and self._tail_out and not self._ready and not self._outstanding

    @property
    def needs_max_id(self) -> bool:
        """Whether planning waits for the highest id of the endpoint."""
        return self._probed and self.max_id is None and not self._tail_out

    def take(self, limit: int) -> list[Window]:
        """Up to `limit` windows to read next (none while waiting on a result)."""
        taken: list[Window] = []
        while len(taken) < limit:
            window = self._next_window()
            if window is None:
                break
            self._outstanding.add(window)
            taken.append(window)
        return taken

    def _next_window(self) -> Window | None:
        if self._ready:
            return self._ready.popleft()
        if not self._probed or self._tail_out:
            return None
        if self.max_id is None:
            if not self._speculative:
                return None
            self._speculative -= 1
            until = self._cursor + self._width()
        elif self._cursor >= self.max_id:
            self._tail_out = True
            return Window(self._cursor, None)
        else:
            until = min(self._cursor + self._width(), self.max_id)
        window = Window(self._cursor, until)
        self._cursor = until
        return window

    def _width(self) -> int:
        density = self._records / self._span if self._span else 1.0
        if density <= 0:
            return max(self.page_size, (self.max_id or 0) - self._cursor)
        return max(1, math.floor(self.page_size * _FILL / density))

    def done(self, window: Window, count: int, last_id: int | None) -> None:
        """Record that `window` returned `count` records, the last with id `last_id`."""
        self._outstanding.discard(window)
        full = count >= self.page_size and last_id is not None
        if full:
            assert last_id is not None
            self._ready.appendleft(window.continued_from(last_id))
            self._learn(count, last_id - window.after)
        elif window.until is not None:
            self._learn(count, window.until - window.after)
        if not self._probed:
            self._probed = True
            if full:
                assert last_id is not None
                # The probe's continuation is replaced by bounded windows from here.
                self._ready.popleft()
                self._cursor = last_id
            else:
                self._tail_out = True

    def _learn(self, count: int, span: int) -> None:
        self._records += count
        self._span += max(span, 0)

    def set_max_id(self, max_id: int | None) -> None:
        """Set the highest id matching the query (None when nothing matches)."""
        self.max_id = max_id if max_id is not None else self._cursor
        self.max_id = max(self.max_id, self._cursor)

    def retry(self, window: Window) -> None:
        """Put back a window whose request failed without an answer."""
        self._outstanding.discard(window)
        self._ready.appendleft(window)

    def shrink(self) -> None:
        """Halve the page size (IGDB answered 413: the response was too large)."""
        self.page_size = max(1, self.page_size // 2)


class IdListPlanner:
    """Hands out windows of known ids (at most a page each), for reads by id."""

    max_id = 0  # nothing to probe
    needs_max_id = False

    def __init__(self, ids: list[int], page_size: int) -> None:
        self.page_size = page_size
        self._ready: deque[Window] = deque(self._windows(sorted(ids)))
        self._outstanding: set[Window] = set()

    def _windows(self, ids: list[int]) -> list[Window]:
        size = self.page_size
        chunks = [tuple(ids[i : i + size]) for i in range(0, len(ids), size)]
        return [Window(chunk[0] - 1, chunk[-1], chunk) for chunk in chunks]

    @property
    def finished(self) -> bool:
        """Whether every id has been asked for."""
        return not self._ready and not self._outstanding

    def take(self, limit: int) -> list[Window]:
        """Up to `limit` windows to read next."""
        taken = [self._ready.popleft() for _ in range(min(limit, len(self._ready)))]
        self._outstanding.update(taken)
        return taken

    def done(self, window: Window, count: int, last_id: int | None) -> None:  # noqa: ARG002
        """Record a window read (an id that matched nothing was deleted)."""
        self._outstanding.discard(window)

    def set_max_id(self, max_id: int | None) -> None:
        """Unused: the ids are known."""

    def retry(self, window: Window) -> None:
        """Put back a window, split to the current page size."""
        self._outstanding.discard(window)
        self._ready.extendleft(reversed(self._windows(list(window.ids))))

    def shrink(self) -> None:
        """Halve the page size (IGDB answered 413)."""
        self.page_size = max(1, self.page_size // 2)
