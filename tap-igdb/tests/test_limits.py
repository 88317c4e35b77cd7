"""Rate and concurrency limits, throttling storms, server errors and permanent failures."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

from igdb_emulator.admin import EmulatorProcess
from tap_harness import RunTap

SMALL = ["genres", "platforms", "game_modes", "themes", "player_perspectives", "keywords"]


def max_in_window(arrivals: list[float], seconds: float) -> int:
    """Most arrivals within any `seconds`-long window."""
    arrivals = sorted(arrivals)
    return max(
        (bisect.bisect_left(arrivals, start + seconds) - i for i, start in enumerate(arrivals)),
        default=0,
    )


def complete(run: Any, emulator: EmulatorProcess, streams: list[str]) -> bool:
    counts = emulator.admin.counts()
    return all(sorted(set(run.ids(s))) == sorted(run.ids(s)) for s in streams) and {
        s: len(run.records[s]) for s in streams
    } == {s: counts[s] for s in streams}


def test_request_rate_and_concurrency_stay_within_settings(
    own_emulator: Callable[..., EmulatorProcess], run_tap: RunTap, tap_config: Any
) -> None:
    # No limits on the server: the tap alone must keep to 5 starts/s and 3 in flight.
    emulator = own_emulator(latency_ms=700, requests_per_second=0, max_concurrent=0)
    config = tap_config(
        emulator, requests_per_second=5, max_concurrent_requests=3, page_size=10, multiquery_size=1
    )
    run = run_tap(config, streams=["keywords", "platforms"])
    assert run.returncode == 0, run.stderr[-3000:]
    stats = emulator.admin.stats()
    arrivals = stats["arrivals"]
    assert len(arrivals) >= 30
    # Starts are spaced 1/5 s apart; allow 20 ms for when the server stamps an arrival.
    assert max_in_window(arrivals, 0.98) <= 5
    assert (len(arrivals) - 1) / (max(arrivals) - min(arrivals)) <= 5.0
    assert stats["max_concurrent_observed"] <= 3
    assert stats["max_concurrent_observed"] >= 2, "requests were not overlapped at all"
    assert complete(run, emulator, ["keywords", "platforms"])


def test_igdb_limits_are_never_exceeded(
    own_emulator: Callable[..., EmulatorProcess], run_tap: RunTap, tap_config: Any
) -> None:
    # IGDB's real limits on the server (4 requests/s, 8 in flight), the tap's defaults.
    # Small pages make many requests (10 per multiquery, ~60 in all).
    emulator = own_emulator(requests_per_second=4, max_concurrent=8, latency_ms=100)
    run = run_tap(tap_config(emulator, page_size=100))
    assert run.returncode == 0, run.stderr[-3000:]
    stats = emulator.admin.stats()
    assert stats["throttled"] == 0
    assert stats["api_requests"] >= 40
    assert complete(run, emulator, list(emulator.admin.counts()))


def test_a_429_storm_is_waited_out(
    own_emulator: Callable[..., EmulatorProcess], run_tap: RunTap, tap_config: Any
) -> None:
    emulator = own_emulator(requests_per_second=0, max_concurrent=0)
    emulator.admin.faults(throttle_seconds=10)
    run = run_tap(tap_config(emulator, multiquery_size=1), streams=SMALL)
    assert run.returncode == 0, run.stderr[-3000:]
    assert emulator.admin.stats()["throttled"] >= 3
    assert run.seconds >= 10
    assert "answered HTTP 429 (Too Many Requests)" in run.stderr
    assert complete(run, emulator, SMALL)


def test_server_errors_and_broken_connections_are_retried(
    own_emulator: Callable[..., EmulatorProcess], run_tap: RunTap, tap_config: Any
) -> None:
    emulator = own_emulator(requests_per_second=0, max_concurrent=0)
    emulator.admin.faults(fail_next=4, fail_status=502, fail_body="502 Bad Gateway")
    emulator.admin.faults(reset_next=2)
    run = run_tap(tap_config(emulator, multiquery_size=1, page_size=50), streams=SMALL)
    assert run.returncode == 0, run.stderr[-3000:]
    statuses = emulator.admin.stats()["responses_by_status"]
    assert statuses.get("502") == 4
    assert statuses.get("0") == 2  # connections closed without an answer
    assert "502 Bad Gateway" in run.stderr
    assert complete(run, emulator, SMALL)


def test_a_permanent_failure_ends_with_a_clear_error(
    own_emulator: Callable[..., EmulatorProcess], run_tap: RunTap, tap_config: Any
) -> None:
    emulator = own_emulator(requests_per_second=0, max_concurrent=0)
    emulator.admin.faults(fail_next=1000, fail_status=500, fail_body="Internal Server Error")
    run = run_tap(tap_config(emulator, backoff_max_tries=3), streams=["genres"], timeout=120)
    assert run.returncode != 0
    assert "IGDB 'genres' answered HTTP 500 (text/plain" in run.stderr
    assert "attempt 2 of 3 failed" in run.stderr
    assert run.seconds < 60
    assert not run.records["genres"]


def test_query_errors_are_not_retried_and_quote_igdb(
    own_emulator: Callable[..., EmulatorProcess], run_tap: RunTap, tap_config: Any
) -> None:
    emulator = own_emulator(requests_per_second=0, max_concurrent=0)
    body = '[{"title":"Syntax Error","status":400,"cause":"Expecting a STRING as input"}]'
    emulator.admin.faults(
        fail_next=1, fail_status=400, fail_body=body, fail_content_type="application/json"
    )
    run = run_tap(tap_config(emulator, multiquery_size=1), streams=["genres"])
    assert run.returncode != 0
    assert (
        "answered HTTP 400 (Syntax Error: Expecting a STRING as input) to the query" in run.stderr
    )
    assert emulator.admin.stats()["responses_by_status"] == {"400": 1}


def test_multiquery_is_used_and_falls_back_to_plain_queries(
    own_emulator: Callable[..., EmulatorProcess], run_tap: RunTap, tap_config: Any
) -> None:
    emulator = own_emulator(requests_per_second=0, max_concurrent=0)
    run = run_tap(tap_config(emulator, page_size=20), streams=["keywords"])
    assert run.returncode == 0, run.stderr[-3000:]
    by_path = emulator.admin.stats()["api_requests_by_path"]
    assert set(by_path) == {"/v4/multiquery"}
    assert complete(run, emulator, ["keywords"])

    # An API that refuses multiqueries (here: at most one sub-query) gets plain queries.
    emulator.admin.reset()
    emulator.admin.set_limits(max_subqueries=1)
    run = run_tap(tap_config(emulator, page_size=20), streams=["keywords"])
    assert run.returncode == 0, run.stderr[-3000:]
    assert "IGDB refused /multiquery" in run.stderr
    assert "sending plain queries from now on" in run.stderr
    by_path = emulator.admin.stats()["api_requests_by_path"]
    assert by_path["/v4/multiquery"] == 1
    assert by_path["/v4/keywords"] >= 3
    assert complete(run, emulator, ["keywords"])


def test_a_413_halves_the_page_size(
    own_emulator: Callable[..., EmulatorProcess], run_tap: RunTap, tap_config: Any
) -> None:
    emulator = own_emulator(requests_per_second=0, max_concurrent=0)
    emulator.admin.faults(too_large_next=2)
    run = run_tap(tap_config(emulator), streams=["keywords"])
    assert run.returncode == 0, run.stderr[-3000:]
    assert "keywords: response too large; page size now 250" in run.stderr
    assert "keywords: response too large; page size now 125" in run.stderr
    assert emulator.admin.stats()["responses_by_status"]["413"] == 2
    assert complete(run, emulator, ["keywords"])


def test_a_413_on_the_first_pages_leaves_them_to_the_paged_reads(
    own_emulator: Callable[..., EmulatorProcess], run_tap: RunTap, tap_config: Any
) -> None:
    # Two streams: their first pages are fetched together in one multiquery, which gets the 413.
    emulator = own_emulator(requests_per_second=0, max_concurrent=0)
    emulator.admin.faults(too_large_next=1)
    run = run_tap(tap_config(emulator), streams=["keywords", "genres"])
    assert run.returncode == 0, run.stderr[-3000:]
    assert "First pages of" in run.stderr
    assert "too large together; read one by one" in run.stderr
    assert emulator.admin.stats()["responses_by_status"]["413"] == 1
    assert complete(run, emulator, ["keywords", "genres"])
