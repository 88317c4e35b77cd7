"""The API misbehaves during the nightly run: the run rides it out and loses nothing.

Each scenario changes some records, starts the daily job
(`meltano run tap-igdb target-s3 dbt-duckdb:build`), breaks the API on its way, and checks
that the run still succeeds and that the warehouse then holds exactly the emulator's
records, with no secret in any output.
"""

from __future__ import annotations

from matrix import Scenario, assert_whole
from pipeline import Pipeline
from triggers import after_requests, change_some_records


def test_daily_run_without_faults(pipeline: Pipeline, scenario: Scenario) -> None:
    """The reference: the exact daily job (the first run loads everything)."""
    change_some_records(pipeline.emulator.admin)

    result = pipeline.elt(label="daily")

    outcome = scenario.finish(
        "0. Daily run, no fault (`meltano run tap-igdb target-s3 dbt-duckdb:build`)",
        result.summary("PASS=") if result.returncode == 0 else result.summary("error"),
    )
    assert result.returncode == 0, result.output[-5000:]
    assert_whole(outcome)


def test_429_storm_is_waited_out(pipeline: Pipeline, scenario: Scenario) -> None:
    admin = pipeline.emulator.admin
    change_some_records(admin)
    throttled_before = admin.stats()["throttled"]

    with after_requests(admin, 5, lambda: admin.faults(throttle_seconds=10)):
        result = pipeline.elt(label="429-storm")

    throttled = admin.stats()["throttled"] - throttled_before
    outcome = scenario.finish(
        "1. 429 storm: every request throttled for 10 s mid-run, then recovery",
        f"{result.summary('429', 'retrying')} ({throttled} requests answered 429)",
    )
    assert result.returncode == 0, result.output[-5000:]
    assert throttled > 0
    assert result.lines("429", "retrying")
    assert_whole(outcome)


def test_5xx_resets_and_timeouts_are_retried(pipeline: Pipeline, scenario: Scenario) -> None:
    admin = pipeline.emulator.admin
    change_some_records(admin)

    def burst_of_5xx() -> None:
        admin.faults(fail_next=2)  # 502 with the plain-text body "502 Bad Gateway"
        admin.faults(fail_next=1, fail_status=503, fail_body="Service Unavailable")

    def resets_and_a_slow_answer() -> None:
        admin.faults(reset_next=2, slow_next=1, slow_seconds=6)

    # The tap gives up waiting for an answer after 2 s (a slow answer takes 6 s). Two waves,
    # so that one request's backoff does not have to sit through all of them.
    env = pipeline.env(TAP_IGDB_REQUEST_TIMEOUT="2")
    with (
        after_requests(admin, 5, burst_of_5xx),
        after_requests(admin, 30, resets_and_a_slow_answer),
    ):
        result = pipeline.elt(label="5xx-resets-slow", env=env)

    pending = admin.stats()["faults"]
    outcome = scenario.finish(
        "2. 5xx bursts with plain-text bodies, connection resets, answers slower than"
        " `request_timeout`",
        result.summary("502 Bad Gateway", "retrying"),
    )
    assert result.returncode == 0, result.output[-5000:]
    assert pending["fail_next"] == pending["reset_next"] == pending["slow_next"] == 0, pending
    assert result.lines("502 Bad Gateway", "retrying")
    assert result.lines("timed out", "retrying") or result.lines("timeout", "retrying")
    assert_whole(outcome)


def test_expired_and_revoked_tokens_are_renewed(pipeline: Pipeline, scenario: Scenario) -> None:
    admin = pipeline.emulator.admin
    change_some_records(admin)
    minted_before = admin.stats()["tokens_minted"]

    with after_requests(admin, 10, lambda: admin.faults(revoke_tokens=True)):
        result = pipeline.elt(label="tokens")

    minted = admin.stats()["tokens_minted"] - minted_before
    outcome = scenario.finish(
        "3. Tokens expire mid-run (`--token-ttl 5`) and are revoked mid-run (401)",
        f"{result.summary('401', 'new token')} ({minted} tokens minted in the run)",
    )
    assert result.returncode == 0, result.output[-5000:]
    assert minted >= 2
    assert result.lines("401", "new token")
    assert_whole(outcome)


def test_malformed_answers_are_retried(pipeline: Pipeline, scenario: Scenario) -> None:
    admin = pipeline.emulator.admin
    change_some_records(admin)

    def break_the_answers() -> None:
        admin.faults(malformed_next=1, malformed_kind="truncated")
        admin.faults(malformed_next=1, malformed_kind="html200")
        admin.faults(malformed_next=1, malformed_kind="not_array")
        admin.faults(too_large_next=1)

    with after_requests(admin, 5, break_the_answers):
        result = pipeline.elt(label="malformed")

    pending = admin.stats()["faults"]
    outcome = scenario.finish(
        "5. Malformed answers: truncated JSON, an HTML error page with 200, a JSON object, a 413",
        result.summary("not JSON", "retrying"),
    )
    assert result.returncode == 0, result.output[-5000:]
    assert pending["malformed_next"] == pending["too_large_next"] == 0, pending
    assert result.lines("not JSON", "application/json", "retrying")  # truncated
    assert result.lines("not JSON", "text/html", "retrying")  # the HTML page
    assert result.lines("JSON that is not an array", "retrying")
    assert result.lines("too large")
    assert_whole(outcome)
