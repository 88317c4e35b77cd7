"""What users and IGDB feed the pipeline: bad settings, schema drift, awkward timing, deletes.

Bad settings must stop the run before any data moves; changes in IGDB's data (new fields,
changed types, records updated in the bookmark's second or while the tap pages, deleted
records) must end, after the next successful run, in marts that hold exactly IGDB's records.
"""

from __future__ import annotations

import json
import math
import re
import secrets
from dataclasses import dataclass, field

import pytest
from matrix import Scenario, assert_whole
from pipeline import Pipeline
from reconcile import behind_in_lake, emulator_records

WRONG_SECRET = f"relwrong{secrets.token_hex(12)}"


@dataclass(frozen=True)
class BadInput:
    """A mistake in the settings, and the words the user must be shown."""

    key: str
    title: str
    env: dict[str, str]
    message: str  # in the output of the run
    watch_secret: bool = False
    notes: list[str] = field(default_factory=list)


BAD_INPUTS = [
    BadInput(
        "4a",
        "Bad credentials: a wrong client secret",
        {"TAP_IGDB_CLIENT_SECRET": WRONG_SECRET},
        "Twitch rejected the client_secret (HTTP 403)",
        watch_secret=True,
    ),
    BadInput(
        "4b",
        "Bad config: a wrong type (`page_size: many`)",
        {"TAP_IGDB_PAGE_SIZE": "many"},
        "invalid literal for int() with base 10: 'many'",
        notes=["Meltano itself rejects the value; its message does not name the setting"],
    ),
    BadInput(
        "4c",
        "Bad config: an unknown stream in `select` (`gamez.*`)",
        {"TAP_IGDB__SELECT": '["gamez.*"]'},
        "select pattern 'gamez.*' names no stream of tap-igdb (did you mean 'games'?)",
    ),
    BadInput(
        "4d",
        "Bad config: `page_size: 0`",
        {"TAP_IGDB_PAGE_SIZE": "0"},
        "config['page_size'] must be >= 1",
    ),
    BadInput(
        "4e",
        "Bad config: `page_size: 501`",
        {"TAP_IGDB_PAGE_SIZE": "501"},
        "config['page_size'] must be <= 500",
    ),
]


@pytest.mark.parametrize("case", BAD_INPUTS, ids=lambda case: case.key)
def test_bad_input_stops_the_run_before_any_data_moves(
    pipeline: Pipeline, scenario: Scenario, case: BadInput
) -> None:
    pipeline.loaded()  # a run that got going would move data: API requests, id sweeps
    if case.watch_secret:
        scenario.scanner.watch("wrong client_secret", WRONG_SECRET)
    before = pipeline.snapshot()

    result = pipeline.elt(label=f"bad-{case.key}", env={**pipeline.env(), **case.env})

    changes = before.changes(pipeline.snapshot())
    outcome = scenario.finish(
        f"{case.key}. {case.title}",
        result.summary(case.message),
        notes=[
            *case.notes,
            *([f"the failed run changed: {', '.join(changes)}"] if changes else []),
        ],
    )
    assert result.returncode != 0
    assert result.lines(case.message), result.output[-5000:]
    assert changes == []  # no API request, no lake object, same state, same warehouse
    assert_whole(outcome)


def test_new_fields_and_a_new_endpoint_are_kept(pipeline: Pipeline, scenario: Scenario) -> None:
    pipeline.loaded()
    admin = pipeline.emulator.admin
    # IGDB adds an endpoint and a field referring to it, and another new field.
    admin.add_endpoint("game_moods", [{"id": 1, "name": "Cosy"}, {"id": 2, "name": "Tense"}])
    games = admin.mutate("games", update=2, values={"game_moods": [1, 2], "mood_score": 7.5})

    result = pipeline.elt(label="drift-new-fields")

    lake = pipeline.lake_records()
    kept = {
        record["id"]
        for record in lake["games"]
        if record.get("game_moods") == [1, 2] and record.get("mood_score") == 7.5
    }
    outcome = scenario.finish(
        "6a. Schema drift: new fields (`games.game_moods`, `games.mood_score`) and a new"
        " endpoint (`game_moods`) they refer to",
        result.summary("does not declare"),
        notes=["a new endpoint is read once it is added to the tap's endpoint table"],
    )
    assert result.returncode == 0, result.output[-5000:]
    assert len(result.lines("IGDB sent a field the schema does not declare")) == 2
    assert kept == set(games.updated)  # the values are in the lake
    assert "game_moods" not in lake  # unknown to the tap: not read, and no error
    assert pipeline.emulator.query("game_moods", "fields *;").status_code == 200
    assert_whole(outcome)


def test_a_changed_type_stops_clearly_and_loads_with_the_field_deselected(
    pipeline: Pipeline, scenario: Scenario
) -> None:
    pipeline.loaded()
    admin = pipeline.emulator.admin
    (game,) = admin.mutate("games", update=1, values={"summary": 40401}).updated
    stamp = next(r for r in admin.records("games") if r["id"] == game)["updated_at"]
    before = pipeline.snapshot()

    failed = pipeline.elt(label="drift-type")
    bookmark = pipeline.bookmarks()["games"]["replication_key_value"]
    after_failure = pipeline.snapshot()
    # What the error tells the user to do: deselect the field (or upgrade the tap).
    deselected = pipeline.env(TAP_IGDB__SELECT=json.dumps(["*.*", "!games.summary"]))
    rerun = pipeline.elt(label="drift-type-deselected", env=deselected)

    message = (
        f"IGDB sent games record id {game} with field 'summary' = '40401' (int), but its"
        " schema says string"
    )
    outcome = scenario.finish(
        "6b. Schema drift: a field changes type (`games.summary` string → int)",
        f"{failed.summary(message)}; with `!games.summary` deselected: {rerun.summary()}",
    )
    assert failed.returncode != 0
    assert failed.lines(message, "deselect `games.summary`"), failed.output[-5000:]
    assert bookmark < stamp  # the state did not pass the record it could not write
    assert after_failure.warehouse == before.warehouse  # dbt did not run
    assert rerun.returncode == 0, rerun.output[-5000:]
    assert_whole(outcome)
    # IGDB repairs the field: the next runs read the record again, with it.
    admin.mutate("games", update=[game], values={"summary": "Back to text."})


def test_records_changed_in_the_bookmark_second_or_while_paging_are_not_lost(
    pipeline: Pipeline, scenario: Scenario
) -> None:
    pipeline.loaded()
    admin = pipeline.emulator.admin
    bookmark = pipeline.bookmarks()["games"]["replication_key_value"]
    same_second = admin.mutate("games", update=3, same_second_as=bookmark).updated
    admin.mutate("games", update=20)  # enough new versions to page through, five at a time
    log_start = len(admin.stats()["mutations"])
    admin.churn("games", every_requests=2, update=2, create=1)
    paging = pipeline.env(
        TAP_IGDB_PAGE_SIZE="5",
        TAP_IGDB_MULTIQUERY_SIZE="1",
        TAP_IGDB_ID_SWEEP_INTERVAL_HOURS="168",  # no sweep: it would page too
    )
    # Extraction and loading only: what the tap got is checked in the lake, record by record.
    first = pipeline.run("run", "tap-igdb", "target-s3", label="paging-churn", env=paging)
    admin.stop_churn("games")
    churn = admin.stats()["mutations"][log_start:]
    churned = {i for event in churn for i in event["created"] + event["updated"]}
    behind = behind_in_lake(pipeline.lake_records(), emulator_records(admin))

    second = pipeline.elt(label="after-churn")

    outcome = scenario.finish(
        "10. Records updated in the bookmark's second; records created and updated while"
        " the tap pages (5 a page, churn every 2nd request)",
        f"{first.summary()}; next run: {second.summary()}",
        notes=[
            f"{len(churn)} churn events changed {len(churned)} games during the first run;"
            f" {len(behind)} of them were not in the lake in their latest version after it,"
            " all read by the next run"
        ],
    )
    assert first.returncode == 0, first.output[-5000:]
    assert churn, "nothing changed while the tap paged"
    assert {name for name, _ in behind} <= {"games"}
    assert {i for _, i in behind} <= churned  # only what changed after it was read
    assert set(same_second) - churned  # (churn may pick one of them again)
    assert not (set(same_second) - churned) & {i for _, i in behind}
    assert second.returncode == 0, second.output[-5000:]
    assert_whole(outcome)


# Deleted in IGDB: incremental endpoints, a full-table one, a lookup table.
DELETES = {
    "games": 2,
    "companies": 1,
    "involved_companies": 2,
    "release_dates": 1,
    "platforms": 1,
    "covers": 1,
    "screenshots": 1,
    "genres": 1,
}
SWEPT = re.compile(r"id_sweeps: swept (\d+) ids of (\w+) in (\d+) requests")


def test_deleted_records_leave_the_marts(pipeline: Pipeline, scenario: Scenario) -> None:
    pipeline.loaded()
    admin = pipeline.emulator.admin
    deleted = {name: admin.mutate(name, delete=n).deleted for name, n in DELETES.items()}
    requests_before = admin.stats()["api_requests"]

    result = pipeline.elt(label="deletes", tests=True)  # dbt tests on: references to deleted

    requests = admin.stats()["api_requests"] - requests_before
    sweeps = [
        (name, int(ids), int(sent))
        for ids, name, sent in SWEPT.findall("\n".join(result.lines("id_sweeps: swept")))
    ]
    swept_ids = sum(ids for _, ids, _ in sweeps)
    sweep_requests = sum(sent for _, _, sent in sweeps)
    outcome = scenario.finish(
        "11. Deletes: records deleted in IGDB (incremental, full-table and lookup endpoints)",
        result.summary("PASS=") if result.returncode == 0 else result.summary("error"),
        notes=[
            f"sweep cost: {sweep_requests} of the run's {requests} requests listed {swept_ids}"
            f" ids of {len(sweeps)} endpoints (`id_sweep_interval_hours: 0`: every run); one"
            " request per 5,000 ids, so ≈ 1,000 requests a week at IGDB's size (default 168)"
        ],
    )
    assert all(
        len(ids) == n for (name, ids), n in zip(deleted.items(), DELETES.values(), strict=True)
    )
    assert result.returncode == 0, result.output[-5000:]
    assert sweeps
    for name, ids, sent in sweeps:  # the documented cost: one request per 5,000 ids
        assert sent == max(1, math.ceil(ids / 5000)), (name, ids, sent)
    assert_whole(outcome)
