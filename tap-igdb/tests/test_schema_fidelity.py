"""Schemas against data: every field the API sends is declared, every declared field is sent."""

from __future__ import annotations

from typing import Any

import pytest
from igdb_emulator.admin import EmulatorProcess
from jsonschema import Draft202012Validator
from tap_harness import TapRun, config_for, run_tap_process

from tap_igdb.endpoints import ENDPOINTS


@pytest.fixture(scope="module")
def full_run(emulator: EmulatorProcess, tmp_path_factory: pytest.TempPathFactory) -> TapRun:
    run = run_tap_process(tmp_path_factory.mktemp("full"), config_for(emulator))
    assert run.returncode == 0, run.stderr[-3000:]
    return run


@pytest.mark.parametrize("endpoint", [e.name for e in ENDPOINTS])
def test_every_field_sent_is_declared_and_every_declared_field_is_sent(
    full_run: TapRun, endpoint: str
) -> None:
    records = full_run.records[endpoint]
    assert records, f"no {endpoint} records at this scale"
    declared = set(full_run.schemas[endpoint]["properties"])
    sent = {key for record in records for key in record}
    assert sent - declared == set(), "fields sent but not in the schema"
    assert declared - sent == set(), "fields in the schema never sent"


@pytest.mark.parametrize("endpoint", [e.name for e in ENDPOINTS])
def test_every_record_matches_its_schema(full_run: TapRun, endpoint: str) -> None:
    validator = Draft202012Validator(full_run.schemas[endpoint])
    for record in full_run.records[endpoint]:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(record)]
        assert not errors, f"{endpoint} id {record['id']}: {errors[:3]}"


def test_no_record_holds_nulls(full_run: TapRun) -> None:
    # IGDB omits empty fields rather than sending null; the tap passes records through.
    nulls = [
        (stream, record["id"], key)
        for stream, records in full_run.records.items()
        for record in records
        for key, value in record.items()
        if value is None
    ]
    assert nulls == []


def test_the_tap_counts_what_the_api_holds(full_run: TapRun, emulator: EmulatorProcess) -> None:
    counts = emulator.admin.counts()
    read = {name: len(full_run.records[name]) for name in counts}
    assert read == counts
    ids: dict[str, Any] = {name: full_run.ids(name) for name in counts}
    assert all(len(v) == len(set(v)) for v in ids.values())


def test_id_sweeps_cover_every_id_of_full_reads(full_run: TapRun) -> None:
    sweeps = full_run.records["id_sweeps"]
    swept: dict[str, list[int]] = {}
    for sweep in sweeps:
        assert sweep["after_id"] < sweep["until_id"] or not sweep["ids"]
        assert all(sweep["after_id"] < i <= sweep["until_id"] for i in sweep["ids"])
        swept.setdefault(sweep["endpoint"], []).extend(sweep["ids"])
    # A first run reads every endpoint in full, so every endpoint is swept for free.
    assert set(swept) == {e.name for e in ENDPOINTS}
    for name, ids in swept.items():
        assert sorted(ids) == sorted(full_run.ids(name)), name
