"""The endpoint streams: one per IGDB endpoint, all built from the endpoint table."""

from __future__ import annotations

import logging
import time
from collections.abc import Generator, Iterable
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from singer_sdk.mapper import SameRecordTransform
from singer_sdk.singerlib import RecordMessage

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
        # The bookmark as the input state has it, not get_starting_replication_key_value:
        # the SDK sets that only when this stream's sync starts, and the first pages of
        # all streams are fetched before (prefetch_first_pages) with the same filter.
        bookmark = self.get_context_state(context).get("replication_key_value")
        since = [
            unix_seconds(value)
            for value in (bookmark, self.config.get("start_date"))
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

    def _generate_record_messages(
        self, record: dict[str, Any]
    ) -> Generator[RecordMessage, None, None]:
        # The SDK walks every field of every record to drop deselected ones and passes
        # each record through its stream maps: a third of the tap's CPU at IGDB's
        # throughput. When nothing is deselected and no stream map is configured, both
        # are no-ops (conformance is off), so write the record as it is.
        if not self._plain_records:
            yield from super()._generate_record_messages(record)
            return
        yield RecordMessage(
            stream=self.name,
            record=record,
            version=self._stream_version,
            time_extracted=datetime.now(UTC),
        )

    @cached_property
    def _plain_records(self) -> bool:
        """Whether records go out exactly as read: every field selected, no stream map."""
        mask = self.mask
        return (
            len(self.stream_maps) == 1
            and type(self.stream_maps[0]) is SameRecordTransform
            and self.stream_maps[0].stream_alias == self.name
            and all(mask.get(("properties", name), True) for name in self.schema["properties"])
        )

    def _increment_stream_state(
        self, latest_record: dict[str, Any], *, context: Context | None = None
    ) -> None:
        # IGDB omits empty fields, so a record may lack `updated_at`: it is still written,
        # but cannot move the bookmark (the SDK would raise KeyError on it).
        if self.replication_key and latest_record.get(self.replication_key) is None:
            return
        super()._increment_stream_state(latest_record, context=context)

    def post_process(
        self,
        row: dict[str, Any],
        context: Context | None = None,  # noqa: ARG002
    ) -> dict[str, Any]:
        """Check each value's JSON type against the schema; keep fields IGDB added."""
        kinds = self._kinds
        for key, value in row.items():
            kind = kinds.get(key)
            if kind is None:
                if key not in self._known_fields:
                    self._declare_new_field(key)
                continue
            allowed, items = kind
            if value is None:  # IGDB omits empty fields; a null is still an empty value
                continue
            if type(value) not in allowed or (
                # issuperset walks the items in C: a third cheaper than all() over a genexpr
                items is not None and not items.issuperset(map(type, value))
            ):
                self._type_changed(row, key, value)
        return row

    @cached_property
    def _kinds(self) -> dict[str, tuple[frozenset[type], frozenset[type] | None]]:
        """Python types allowed per selected field (and per array item)."""
        kinds = {}
        for name, field in self.endpoint.fields.items():
            if self.mask.get(("properties", name), True):  # a deselected field is not read
                kinds[name] = _PYTHON_TYPES[field.kind]
        kinds["id"] = _PYTHON_TYPES["integer"]
        return kinds

    def _declare_new_field(self, key: str) -> None:
        """A field IGDB added after this release: keep its values, announce the schema."""
        self._known_fields = self._known_fields | {key}
        declared = {"description": "Sent by IGDB, not in this version of tap-igdb's schema."}
        self.schema["properties"][key] = declared
        for stream_map in self.stream_maps:
            # An identity map's output schema gains the field; a user's own stream map
            # decides what it outputs.
            if isinstance(stream_map, SameRecordTransform):
                stream_map.transformed_schema["properties"][key] = declared
        self.log(
            "%s: IGDB sent a field the schema does not declare, %r; its values are kept",
            self.name,
            key,
            level=logging.WARNING,
        )
        # The SDK writes SCHEMA once per sync and has no public call to announce a
        # change: without it, targets warn about (or drop) the field on every record.
        self._write_schema_message()

    def _type_changed(self, row: dict[str, Any], key: str, value: Any) -> None:
        kind = self.endpoint.fields[key].kind if key != "id" else "integer"
        msg = (
            f"IGDB sent {self.name} record id {row.get('id')!r} with field {key!r} = "
            f"{str(value)[:80]!r} ({type(value).__name__}), but its schema says {kind}: "
            "IGDB changed the field's type. Nothing of this record was written. Upgrade "
            f"tap-igdb, or deselect `{self.name}.{key}` to load the rest."
        )
        raise SchemaDriftError(msg)


class SchemaDriftError(RuntimeError):
    """A value whose type contradicts the stream's schema."""


# JSON types of each field kind, as Python types (bool is not an integer here).
_INT = frozenset({int})
_PYTHON_TYPES: dict[str, tuple[frozenset[type], frozenset[type] | None]] = {
    "string": (frozenset({str}), None),
    "checksum": (frozenset({str}), None),
    "integer": (_INT, None),
    "timestamp": (_INT, None),
    "ref": (_INT, None),
    "number": (frozenset({int, float}), None),
    "boolean": (frozenset({bool}), None),
    "strings": (frozenset({list}), frozenset({str})),
    "integers": (frozenset({list}), _INT),
    "refs": (frozenset({list}), _INT),
}


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
