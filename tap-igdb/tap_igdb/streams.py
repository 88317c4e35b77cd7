"""The endpoint streams: one per IGDB endpoint, all built from the endpoint table."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from tap_igdb.client import IGDBStream, Read
from tap_igdb.endpoints import Endpoint
from tap_igdb.references import ReferencePlan
from tap_igdb.schemas import stream_schema
from tap_igdb.sweeps import SweepLog

if TYPE_CHECKING:
    from singer_sdk import Tap
    from singer_sdk.helpers.types import Context


class EndpointStream(IGDBStream):
    """One IGDB endpoint. All 71 streams are this class, each built from its table entry."""

    primary_keys: ClassVar[tuple[str, ...]] = ("id",)

    def __init__(self, tap: Tap, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        super().__init__(tap, name=endpoint.name, schema=stream_schema(endpoint))
        self.replication_key = endpoint.replication_key
        self._known_fields = frozenset(self.schema["properties"])
        self._reported_fields: set[str] = set()

    def planned_read(self, context: Context | None) -> Read:
        """What this run reads: changes since the bookmark, referenced records, or all."""
        plan: ReferencePlan = self._tap.reference_plan  # type: ignore[attr-defined]
        if self.name in plan.following:
            return Read(self.name, ids=tuple(plan.ids(self.name)))
        return Read(self.name, "*", self._filters(context))

    def request_records(self, context: Context | None) -> Iterable[dict[str, Any]]:
        """Read the endpoint, passing ids on to sweeps and to followed endpoints."""
        self._tap.prefetch_first_pages()  # type: ignore[attr-defined]
        plan: ReferencePlan = self._tap.reference_plan  # type: ignore[attr-defined]
        started = int(time.time())
        read = self.planned_read(context)
        if read.ids is not None:
            self.log(
                "%s: reading the %d records changed records refer to", self.name, len(read.ids)
            )
        full_read = not read.filters and read.ids is None
        sweeps: SweepLog = self._tap.sweeps  # type: ignore[attr-defined]
        # A read of every record is also a sweep of every id: keep the ids for `id_sweeps`.
        sweep = sweeps.start(self.name) if sweeps.wanted and full_read else None
        collect = plan.collects_from(self.name)
        for page in self.read_windows(read):
            if sweep is not None:
                sweep.add(page)
            if collect:
                plan.collect(self.name, page.records)
            yield from page.records
        if sweep is not None:
            sweep.complete = True
        if full_read and self.replication_key is None:
            # When the full refresh interval of `full_table_refresh_hours` starts.
            self.get_context_state(context)["last_full_read"] = started

    def _filters(self, context: Context | None) -> tuple[str, ...]:
        """`updated_at >= <bookmark or start_date>` for incremental streams."""
        if not self.replication_key:
            return ()
        since = [
            unix_seconds(value)
            for value in (
                self.get_starting_replication_key_value(context),
                self.config.get("start_date"),
            )
            if value is not None
        ]
        # `>=`, not `>`: a record updated in the bookmark's own second, after the last
        # run read that second, must not be lost; downstream dedupes the repeats.
        return (f"{self.replication_key} >= {max(since)}",) if since else ()

    def get_replication_key_signpost(self, context: Context | None = None) -> int | None:  # noqa: ARG002
        """Never bookmark past the tap's start: records changed since come next run.

        The tap's start, not this stream's: first pages are fetched ahead for all streams.
        """
        return self._tap.started_at if self.replication_key else None  # type: ignore[attr-defined]

    def post_process(
        self,
        row: dict[str, Any],
        context: Context | None = None,  # noqa: ARG002
    ) -> dict[str, Any]:
        """Report fields IGDB sends that the schema does not know (they are kept)."""
        if self._known_fields.issuperset(row):  # the common case, without a new set
            return row
        if new := row.keys() - self._known_fields - self._reported_fields:
            self._reported_fields |= new
            self.log(
                "%s: IGDB sent fields the schema does not declare, passed through as-is: %s",
                self.name,
                ", ".join(sorted(new)),
                level=logging.WARNING,
            )
        return row


def unix_seconds(value: Any) -> int:
    """A bookmark (unix seconds) or an ISO 8601 date-time, as unix seconds."""
    if isinstance(value, int | float):
        return int(value)
    text = str(value)
    if text.lstrip("-").isdigit():
        return int(text)
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())
