"""Runs that stop half-way: S3 goes away, the run is killed, a second run starts alongside.

A run that cannot finish must fail loudly and leave state that does not claim more than
was written; the next run must then complete, and the marts hold IGDB's records exactly.

Meltano 4.4 (systemdb state backend) records each `meltano run` job in its system
database and refuses to start a job while another with the same name is marked running
("Another '<job>' pipeline is already running … or ignore this check using the '--force'
option"); the state backend's own lock is a no-op there. A job whose process was killed
stays marked running until its heartbeat is five minutes old. The job covers extraction
and loading only: `dbt-duckdb:build` runs after it. On GitHub Actions (`prod`, state in
S3) every run has a fresh system database: there the workflow's concurrency group keeps
runs apart.
"""

from __future__ import annotations

import os
import random
import time
from typing import Any

from matrix import Scenario, assert_whole
from pipeline import Pipeline, RunResult, wait_all, wait_until
from triggers import change_some_records

# Where the runs are killed: random, reproducible with RELIABILITY_SEED=<the seed in the notes>.
SEED = int(os.environ.get("RELIABILITY_SEED") or time.time_ns() % 1_000_000)
RANDOM = random.Random(SEED)
ALREADY_RUNNING = "pipeline is already running"


def unwritten(pipeline: Pipeline) -> list[str]:
    """Records the state claims as extracted but the lake does not hold (stream:id)."""
    lake = {
        stream: {(r.get("id"), r.get("checksum")) for r in records}
        for stream, records in pipeline.lake_records().items()
    }
    missing = []
    for stream, bookmark in pipeline.bookmarks().items():
        value = bookmark.get("replication_key_value") if isinstance(bookmark, dict) else None
        if not isinstance(value, int):
            continue
        for record in pipeline.emulator.admin.records(stream):
            # The next run reads from the bookmark on (`>=`): only older records must be in.
            stamp = record.get("updated_at")
            written = (record["id"], record["checksum"]) in lake.get(stream, set())
            if isinstance(stamp, int) and stamp < value and not written:
                missing.append(f"{stream}:{record['id']}")
    return missing


def test_s3_unavailable_mid_run(pipeline: Pipeline, scenario: Scenario) -> None:
    pipeline.loaded()
    admin = pipeline.emulator.admin
    change_some_records(admin)
    before = pipeline.snapshot()
    bookmarks = pipeline.bookmarks()
    proxy = pipeline.s3_proxy
    proxy.fail("503", after=2, method="PUT")  # two objects get through, then S3 is down

    failed = pipeline.elt(label="s3-down")

    proxy.heal()
    after = pipeline.snapshot()
    advanced = [name for name, mark in pipeline.bookmarks().items() if bookmarks.get(name) != mark]
    claimed_but_missing = unwritten(pipeline)
    rerun = pipeline.elt(label="s3-back")

    outcome = scenario.finish(
        "7. S3 unavailable mid-run (503 on every upload after the 2nd), then a rerun",
        f"{failed.summary('ServiceUnavailable')}; rerun: {rerun.summary()}",
        notes=[
            f"{proxy.failed['PUT']} uploads answered 503; the failed run advanced the state of"
            f" {len(advanced)} streams, {len(claimed_but_missing)} records behind a bookmark"
            " missing from the lake"
        ],
    )
    assert failed.returncode != 0
    assert failed.lines("ServiceUnavailable"), failed.output[-5000:]
    assert proxy.failed["PUT"] > 0
    assert len(after.lake_keys - before.lake_keys) == 2
    assert claimed_but_missing == []  # state did not advance past what was written
    assert after.warehouse == before.warehouse  # dbt did not run
    assert rerun.returncode == 0, rerun.output[-5000:]
    assert_whole(outcome)


def kill_when(pipeline: Pipeline, label: str, ready: Any, what: str) -> RunResult:
    """Start the daily job; `kill -9` its whole process group once `ready(running)`."""
    running = pipeline.start_elt(label=label)
    wait_until(lambda: ready(running) or not running.running(), timeout=600, what=what)
    assert running.running(), f"the run ended before {what}: {running.output_so_far()[-3000:]}"
    running.kill_group()
    result = running.wait()
    pipeline.results.append(result)
    return result


def test_kill_during_extraction(pipeline: Pipeline, scenario: Scenario) -> None:
    pipeline.loaded()
    admin = pipeline.emulator.admin
    change_some_records(admin)
    start = admin.stats()["api_requests"]
    at = RANDOM.randint(1, 50)  # a run here makes about 75 requests

    killed = kill_when(
        pipeline,
        "kill-extracting",
        lambda _: admin.stats()["api_requests"] - start >= at,
        f"{at} API requests",
    )
    in_extraction = "dbt-duckdb" not in killed.output
    at_once = pipeline.elt(label="after-kill")  # Meltano still holds the dead run for running
    marked = pipeline.running_jobs()
    pipeline.let_heartbeats_go_stale()
    later = pipeline.elt(label="after-kill-5-minutes")

    outcome = scenario.finish(
        "8a. `kill -9` of the run during extraction, then reruns",
        f"{killed.summary()}; rerun at once: {at_once.summary(ALREADY_RUNNING)}; rerun 5"
        f" minutes later: {later.summary()}",
        notes=[
            f"killed after {at} API requests (RELIABILITY_SEED={SEED}); `meltano run --force`"
            " also reruns at once"
        ],
    )
    assert killed.returncode == -9
    assert in_extraction
    assert at_once.returncode != 0
    assert at_once.lines(ALREADY_RUNNING, "--force"), at_once.output[-5000:]
    assert marked == 1
    assert later.returncode == 0, later.output[-5000:]
    assert pipeline.running_jobs() == 0  # Meltano marked the dead run failed
    assert_whole(outcome)


def test_kill_during_dbt_build(pipeline: Pipeline, scenario: Scenario) -> None:
    pipeline.loaded()
    change_some_records(pipeline.emulator.admin)
    models = RANDOM.randint(1, 120)  # of 142

    killed = kill_when(
        pipeline,
        "kill-building",
        lambda running: running.output_so_far().count(" OK created ") >= models,
        f"dbt to build {models} models",
    )
    rerun = pipeline.elt(label="after-dbt-kill")

    outcome = scenario.finish(
        "8b. `kill -9` of the run during `dbt build`, then a rerun",
        f"{killed.summary()}; rerun: {rerun.summary()}",
        notes=[f"killed after {models} models (RELIABILITY_SEED={SEED})"],
    )
    assert killed.returncode == -9
    assert rerun.returncode == 0, rerun.output[-5000:]  # the job had ended: no --force
    assert_whole(outcome)


def test_two_runs_started_at_once(pipeline: Pipeline, scenario: Scenario) -> None:
    pipeline.loaded()
    change_some_records(pipeline.emulator.admin)

    runs = [pipeline.start_elt(label="together-1"), pipeline.start_elt(label="together-2")]
    results = wait_all(runs)
    pipeline.results.extend(results)

    state = pipeline.state()
    codes = sorted(r.returncode for r in results)
    # Meltano checks for a running job, then records its own: not atomic. Two runs that
    # pass the check together both run; what must hold then is state and marts intact.
    both_ran = codes == [0, 0]
    outcome = scenario.finish(
        "9. Two runs started at once",
        "; ".join(r.summary(ALREADY_RUNNING) for r in results),
        notes=["both ran: they passed Meltano's running-job check together"] if both_ran else [],
    )
    if not both_ran:
        assert codes == [0, 1], [r.output[-3000:] for r in results]
        loser = next(r for r in results if r.returncode)
        winner = next(r for r in results if not r.returncode)
        assert loser.lines(ALREADY_RUNNING, "--force"), loser.output[-5000:]
        assert loser.seconds < winner.seconds  # it fails at once, without waiting
    assert state is not None
    assert "games" in state["singer_state"]["bookmarks"]
    assert_whole(outcome)
