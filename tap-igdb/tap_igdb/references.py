"""Full-table endpoints followed through references, between full refreshes.

The 20 endpoints without `updated_at` (covers, screenshots, websites, …) hold millions of
rows, and reading them all on every run is what makes a daily incremental run slow. Most
of their records are children of an endpoint that does have `updated_at`: a game lists
its cover, screenshots and websites, and a new child changes its parent's list, so the
parent shows up in the incremental read. With `full_table_refresh_hours` set, a
full-table endpoint is read in full once per interval and, in between, only the records
referenced by the records its parents emitted in the same run are read
(`where id = (…)`, 500 ids a query). An edit to a child that leaves its parent unchanged
waits for the next full refresh; deletions are caught by `id_sweeps`.

The parent/child relations are not listed anywhere: they are the `ref`/`refs` fields of
the endpoint table whose target is a full-table endpoint.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from graphlib import CycleError, TopologicalSorter
from typing import Any

from tap_igdb.endpoints import ENDPOINTS

FULL_TABLE = frozenset(e.name for e in ENDPOINTS if e.replication_key is None)

# Full-table endpoint -> the (endpoint, field) pairs that reference its records.
REFERRERS: Mapping[str, tuple[tuple[str, str], ...]] = {
    child: tuple(
        (endpoint.name, field_name)
        for endpoint in ENDPOINTS
        for field_name, field in endpoint.fields.items()
        if field.target == child and field.kind in {"ref", "refs"}
    )
    for child in sorted(FULL_TABLE)
}


def _full_table_graph() -> tuple[dict[str, set[str]], frozenset[str]]:
    """Full-table referrers of each full-table endpoint, and the endpoints in cycles.

    Endpoints that reference each other (game_version_features and
    game_version_feature_values) cannot wait for one another: they are always read in
    full, and their own referrers no longer constrain the order.
    """
    graph = {
        child: {parent for parent, _ in REFERRERS[child] if parent in FULL_TABLE}
        for child in FULL_TABLE
    }
    in_cycles: set[str] = set()
    while True:
        try:
            TopologicalSorter(graph).prepare()
        except CycleError as error:
            cycle = set(error.args[1])
            in_cycles |= cycle
            for node in cycle:
                graph[node] = set()
            continue
        return graph, frozenset(in_cycles)


_GRAPH, ALWAYS_FULL = _full_table_graph()


def sync_order() -> list[str]:
    """Endpoint names, incremental first, then full-table ones after their referrers."""
    incremental = [e.name for e in ENDPOINTS if e.name not in FULL_TABLE]
    sorter = TopologicalSorter(_GRAPH)
    sorter.prepare()
    ordered: list[str] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready())  # alphabetical within a level: stable order
        ordered += ready
        sorter.done(*ready)
    return incremental + ordered


class ReferencePlan:
    """Which full-table endpoints follow references this run, and the ids to read."""

    def __init__(
        self,
        *,
        selected: Iterable[str],
        state: Mapping[str, Any],
        refresh_hours: float,
        now: float | None = None,
    ) -> None:
        selected = set(selected)
        bookmarks = state.get("bookmarks", {})
        now = time.time() if now is None else now
        self.following: set[str] = set()
        for child in sync_order():
            if (
                child not in FULL_TABLE
                or child in ALWAYS_FULL
                or child not in selected
                or refresh_hours <= 0
            ):
                continue
            last_full = bookmarks.get(child, {}).get("last_full_read")
            if last_full is None or now - last_full >= refresh_hours * 3600:
                continue
            parents = REFERRERS[child]
            if parents and all(
                parent in selected
                and (
                    parent in self.following
                    or (
                        parent not in FULL_TABLE
                        and "replication_key_value" in bookmarks.get(parent, {})
                    )
                )
                for parent, _ in parents
            ):
                self.following.add(child)
        # parent endpoint -> (field, child) pairs whose ids to collect this run
        self._collect: dict[str, list[tuple[str, str]]] = {}
        for child in self.following:
            for parent, field_name in REFERRERS[child]:
                self._collect.setdefault(parent, []).append((field_name, child))
        self._ids: dict[str, set[int]] = {child: set() for child in self.following}

    def collects_from(self, endpoint: str) -> bool:
        """Whether `endpoint`'s records reference an endpoint read by reference."""
        return endpoint in self._collect

    def collect(self, endpoint: str, records: Iterable[Mapping[str, Any]]) -> None:
        """Note the ids `records` of `endpoint` reference in followed endpoints."""
        fields = self._collect.get(endpoint)
        if not fields:
            return
        for record in records:
            for field_name, child in fields:
                value = record.get(field_name)
                if isinstance(value, int):
                    self._ids[child].add(value)
                elif isinstance(value, list):
                    self._ids[child].update(v for v in value if isinstance(v, int))

    def ids(self, child: str) -> list[int]:
        """The ids to read of a followed endpoint, ascending."""
        return sorted(self._ids[child])
