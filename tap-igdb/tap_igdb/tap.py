"""The IGDB tap: its settings and its streams."""

from __future__ import annotations

import difflib
import fnmatch
import json
import os
import time
from datetime import datetime
from functools import cached_property
from typing import Any
from urllib.parse import urlparse

from jsonschema import Draft202012Validator, ValidationError
from singer_sdk import Stream, Tap
from singer_sdk import typing as th
from singer_sdk.contrib.msgspec import MsgSpecWriter
from singer_sdk.exceptions import ConfigValidationError

from tap_igdb.apicalypse import MAX_LIMIT, MAX_SUBQUERIES
from tap_igdb.client import IGDBConnection, IGDBStream
from tap_igdb.endpoints import ENDPOINTS
from tap_igdb.references import ReferencePlan, sync_order
from tap_igdb.streams import EndpointStream
from tap_igdb.sweeps import IdSweepStream, SweepLog


class TapIGDB(Tap):
    """Singer tap for every IGDB v4 data endpoint."""

    name = "tap-igdb"
    package_name = "tap-igdb"
    message_writer_class = MsgSpecWriter

    config_jsonschema = th.PropertiesList(
        th.Property(
            "client_id",
            th.StringType(nullable=False, min_length=1),
            required=True,
            title="Client ID",
            description="Client ID of your Twitch application (dev.twitch.tv/console).",
        ),
        th.Property(
            "client_secret",
            th.StringType(nullable=False, min_length=1),
            required=True,
            secret=True,
            title="Client Secret",
            description="Client secret of your Twitch application.",
        ),
        th.Property(
            "start_date",
            th.DateTimeType(nullable=True),
            title="Start Date",
            description=(
                "Only extract records updated at or after this ISO 8601 date-time "
                "(incremental streams). Leave empty to extract everything."
            ),
        ),
        th.Property(
            "api_url",
            th.URIType(nullable=False),
            default="https://api.igdb.com/v4",
            title="API URL",
            description="Base URL of the IGDB API.",
        ),
        th.Property(
            "auth_url",
            th.URIType(nullable=False),
            default="https://id.twitch.tv/oauth2/token",
            title="Auth URL",
            description="Twitch OAuth token endpoint (client-credentials grant).",
        ),
        th.Property(
            "requests_per_second",
            th.IntegerType(nullable=False, minimum=1),
            default=4,
            title="Requests Per Second",
            description="Most request starts per second, for the whole tap. IGDB allows 4.",
        ),
        th.Property(
            "max_concurrent_requests",
            th.IntegerType(nullable=False, minimum=1),
            default=8,
            title="Max Concurrent Requests",
            description="Most requests in flight at once, for the whole tap. IGDB allows 8.",
        ),
        th.Property(
            "page_size",
            th.IntegerType(nullable=False, minimum=1, maximum=MAX_LIMIT),
            default=MAX_LIMIT,
            title="Page Size",
            description=f"Records per query (`limit`); IGDB's maximum is {MAX_LIMIT}.",
        ),
        th.Property(
            "multiquery_size",
            th.IntegerType(nullable=False, minimum=1, maximum=MAX_SUBQUERIES),
            default=MAX_SUBQUERIES,
            title="Multiquery Size",
            description=(
                "Pages fetched per request through `/multiquery` (1 sends plain queries). "
                "The tap falls back to plain queries if the API refuses multiqueries."
            ),
        ),
        th.Property(
            "request_timeout",
            th.IntegerType(nullable=False, minimum=1),
            default=120,
            title="Request Timeout",
            description="Seconds to wait for an answer before retrying the request.",
        ),
        th.Property(
            "full_table_refresh_hours",
            th.IntegerType(nullable=False, minimum=0),
            default=0,
            title="Full Table Refresh Hours",
            description=(
                "Read the 20 endpoints without `updated_at` in full only once per this many "
                "hours, and in between only the records that changed records refer to "
                "(a game's new cover, screenshots, websites …). 0 reads them in full on "
                "every run. An edit to such a record that leaves its parent unchanged "
                "waits for the next full read."
            ),
        ),
        th.Property(
            "id_sweep_interval_hours",
            th.IntegerType(nullable=False, minimum=0),
            default=168,
            title="ID Sweep Interval Hours",
            description=(
                "How often the `id_sweeps` stream lists every id of an incremental endpoint "
                "to detect deleted records (one request per 5,000 ids; 0 = every run). "
                "Endpoints read in full are swept for free on every run. Deselect "
                "`id_sweeps` to turn sweeps off."
            ),
        ),
        th.Property(
            "backoff_max_tries",
            th.IntegerType(nullable=False, minimum=1),
            default=8,
            title="Backoff Max Tries",
            description=(
                "Attempts per request on throttling (429), timeouts and server errors, "
                "with exponential backoff and jitter, before the run fails."
            ),
        ),
    ).to_dict()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.started_at = int(time.time())  # bookmarks never pass it (see the streams)
        self._prefetched = False
        super().__init__(*args, **kwargs)

    @cached_property
    def connection(self) -> IGDBConnection:
        """Credentials, limiter and transport shared by every stream."""
        return IGDBConnection(self.config)

    @cached_property
    def reference_plan(self) -> ReferencePlan:
        """Which full-table endpoints this run reads by reference (decided once)."""
        return ReferencePlan(
            selected=[name for name, stream in self.streams.items() if stream.selected],
            state=self.state,
            refresh_hours=float(self.config["full_table_refresh_hours"]),
        )

    def prefetch_first_pages(self) -> None:
        """Once per run, before the first stream reads: every first page, ten a request."""
        if self._prefetched:
            return
        self._prefetched = True
        streams = [
            stream
            for stream in self.streams.values()
            if isinstance(stream, EndpointStream) and stream.selected
        ]
        reads = [stream.planned_read(None) for stream in streams]
        reads = [read for read in reads if read.ids is None]
        if streams:
            streams[0].prefetch_first_pages(reads)

    @cached_property
    def sweeps(self) -> SweepLog:
        """Ids seen by full reads, handed to the `id_sweeps` stream."""
        return SweepLog(wanted=self.streams[IdSweepStream.name].selected)

    def discover_streams(self) -> list[IGDBStream]:
        """One stream per IGDB endpoint, then `id_sweeps` (it runs last); no request is made."""
        return [*(EndpointStream(self, endpoint) for endpoint in ENDPOINTS), IdSweepStream(self)]

    @property
    def streams(self) -> dict[str, Stream]:
        """Streams in sync order, not by name as the SDK has them.

        Incremental endpoints first, full-table ones after the endpoints that refer to
        them, then `id_sweeps`.
        """
        streams = super().streams
        order = [*sync_order(), IdSweepStream.name]
        if list(streams) != order:
            ordered = {name: streams[name] for name in order if name in streams}
            streams.clear()
            streams.update(ordered)
        return streams

    def _validate_config(self, *, raise_errors: bool = True) -> list[str]:
        # The SDK's messages quote the offending value, which may be a secret: describe
        # each problem by setting name and rule instead.
        super()._validate_config(raise_errors=False)  # also fills in defaults
        schema = self.config_jsonschema
        self.append_builtin_config(schema)
        errors = [_describe(e) for e in Draft202012Validator(schema).iter_errors(self._config)]
        errors += _semantic_errors(self._config)
        errors += _selection_errors(os.environ.get("MELTANO_EXTRACT__SELECT"))
        if errors and raise_errors:
            raise ConfigValidationError("Config validation failed", errors=errors)
        return errors


def _describe(error: ValidationError) -> str:
    """A validation error naming the setting and the rule, never the value."""
    setting = "config" + "".join(f"[{part!r}]" for part in error.absolute_path)
    rule = error.validator
    expected = error.validator_value
    if rule == "required":
        return str(error.message)  # "'client_id' is a required property"
    if rule == "type":
        return f"{setting} must be of type {expected}"
    if rule in {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}:
        sign = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">"}.get(str(rule), "<")
        return f"{setting} must be {sign} {expected}"
    if rule == "minLength":
        return f"{setting} must not be empty"
    return f"{setting} is invalid ({rule}: {expected})"


def _semantic_errors(config: dict[str, Any]) -> list[str]:
    """Checks JSON Schema cannot express: parseable dates, usable URLs."""
    errors = []
    start_date = config.get("start_date")
    if isinstance(start_date, str):
        try:
            datetime.fromisoformat(start_date)
        except ValueError:
            errors.append("config['start_date'] must be an ISO 8601 date-time")
    for key in ("api_url", "auth_url"):
        url = config.get(key)
        if isinstance(url, str):
            parsed = urlparse(url)
            if parsed.scheme not in {"http", "https"} or not parsed.netloc:
                errors.append(f"config[{key!r}] must be an http(s) URL")
    return errors


def _selection_errors(select: str | None) -> list[str]:
    """Meltano `select` patterns that name no stream of this tap.

    Meltano only warns about them and runs with what is left (nothing, for a typo in the
    only pattern), so a misspelt stream would load nothing and still succeed. Meltano
    hands the patterns to the plugin as `MELTANO_EXTRACT__SELECT`.
    """
    try:
        patterns = json.loads(select) if select else []
    except ValueError:
        return []
    if not isinstance(patterns, list):
        return []
    names = [endpoint.name for endpoint in ENDPOINTS] + [IdSweepStream.name]
    errors = []
    for pattern in patterns:
        if not isinstance(pattern, str):
            continue
        stream = pattern.removeprefix("!").split(".", 1)[0]
        if not fnmatch.filter(names, stream):
            close = difflib.get_close_matches(stream, names, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            errors.append(f"select pattern {pattern!r} names no stream of tap-igdb{hint}")
    return errors


if __name__ == "__main__":
    TapIGDB.cli()
