"""Deletion detection: sweeps of every id, emitted as the `id_sweeps` stream."""

from __future__ import annotations

import time
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from tap_igdb.client import IGDBStream, Page, Read

if TYPE_CHECKING:
    from singer_sdk import Tap
    from singer_sdk.helpers.types import Context

SWEEP_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": (
        "Every id of an endpoint at a point in time, one record per id window. An id in "
        "(after_id, until_id] that is missing from `ids` was deleted from IGDB."
    ),
    "properties": {
        "endpoint": {"type": "string", "description": "The IGDB endpoint swept."},
        "swept_at": {"type": "integer", "description": "Unix time the sweep started."},
        "after_id": {"type": "integer", "description": "Window start (exclusive)."},
        "until_id": {"type": "integer", "description": "Window end (inclusive)."},
        "ids": {
            "type": "array",
            "items": {"type": "integer"},
            "description": "Every id of the endpoint in the window at sweep time.",
        },
    },
    "required": ["endpoint", "swept_at", "after_id", "until_id", "ids"],
    "additionalProperties": False,
}


@dataclass
class Sweep:
    """The ids one complete read of an endpoint saw, window by window."""

    endpoint: str
    started_at: int = field(default_factory=lambda: int(time.time()))
    windows: list[tuple[int, int, array[int]]] = field(default_factory=list)
    complete: bool = False

    def add(self, page: Page) -> None:
        """Keep the ids of one page, compactly."""
        ids = array("q", (record["id"] for record in page.records))
        self.windows.append((page.window.after, page.complete_until, ids))

    def records(self) -> Iterator[dict[str, Any]]:
        """The `id_sweeps` records of this sweep."""
        for after, until, ids in self.windows:
            yield _sweep_record(self.endpoint, self.started_at, after, until, list(ids))


class SweepLog:
    """Sweeps gathered while endpoints are read in full, for the `id_sweeps` stream."""

    def __init__(self, *, wanted: bool) -> None:
        self.wanted = wanted  # whether the `id_sweeps` stream is selected
        self.by_endpoint: dict[str, Sweep] = {}

    def start(self, endpoint: str) -> Sweep:
        """Begin recording the ids of a full read of `endpoint`."""
        sweep = self.by_endpoint[endpoint] = Sweep(endpoint)
        return sweep


def _sweep_record(
    endpoint: str, swept_at: int, after: int, until: int, ids: list[int]
) -> dict[str, Any]:
    return {
        "endpoint": endpoint,
        "swept_at": swept_at,
        "after_id": after,
        "until_id": until,
        "ids": ids,
    }


class IdSweepStream(IGDBStream):
    """`id_sweeps`: all ids of each endpoint, so that deletions in IGDB can be detected.

    IGDB has no feed of deleted records and `updated_at` polling never sees a deletion.
    A sweep lists every id of an endpoint (`fields id;`, the same keyset windows as the
    data, 5,000 ids per `/multiquery`); downstream, a record whose id falls in a swept
    window but is missing from it was deleted. A full read of an endpoint is a sweep
    too, at no extra request: FULL_TABLE endpoints are swept on every run for free, and
    incremental ones are swept with `fields id;` queries once `id_sweep_interval_hours`
    have passed since their last sweep (kept in this stream's state).
    """

    name = "id_sweeps"
    primary_keys: ClassVar[tuple[str, ...]] = ("endpoint", "swept_at", "after_id")

    def __init__(self, tap: Tap) -> None:
        super().__init__(tap, name=self.name, schema=SWEEP_SCHEMA)

    def get_records(self, context: Context | None) -> Iterable[dict[str, Any]]:
        """Sweep records of every selected endpoint that is due."""
        last_swept: dict[str, int] = self.get_context_state(context).setdefault("last_swept", {})
        interval = float(self.config["id_sweep_interval_hours"]) * 3600
        sweeps: SweepLog = self._tap.sweeps  # type: ignore[attr-defined]
        for stream in self._tap.streams.values():
            if stream is self or not stream.selected:
                continue
            recorded = sweeps.by_endpoint.pop(stream.name, None)
            if recorded is not None and recorded.complete:
                yield from recorded.records()
                last_swept[stream.name] = recorded.started_at
            elif time.time() - last_swept.get(stream.name, 0) >= interval:
                yield from self._sweep(stream.name, last_swept)

    def _sweep(self, endpoint: str, last_swept: dict[str, int]) -> Iterator[dict[str, Any]]:
        started_at = int(time.time())
        before = self.connection.requests_sent
        ids = 0
        for page in self.read_windows(Read(endpoint, "id")):
            page_ids = [record["id"] for record in page.records]
            ids += len(page_ids)
            yield _sweep_record(
                endpoint, started_at, page.window.after, page.complete_until, page_ids
            )
        last_swept[endpoint] = started_at
        self.log(
            "id_sweeps: swept %d ids of %s in %d requests",
            ids,
            endpoint,
            self.connection.requests_sent - before,
        )
