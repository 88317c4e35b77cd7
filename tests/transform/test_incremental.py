"""Incremental builds read only new lake files and end up exactly where a full refresh does."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from dbt_runner import DbtProject
from lake import Lake, as_record, later_extraction, load_generated, record_id
from tap_igdb.endpoints import BY_NAME
from warehouse import connect, differences

FIRST_RUN = datetime(2026, 11, 26, 10, 0, 0, 9999, tzinfo=UTC)
SECOND_RUN = FIRST_RUN + timedelta(days=1, microseconds=342762)
LATE_STREAM = "game_time_to_beats"  # no files before the second run (nothing refers to it)


def test_incremental_build_equals_full_refresh(
    lake: Lake, dbt_project: DbtProject, emulator_data: Path, tmp_path: Path
) -> None:
    data = load_generated(emulator_data)
    first = {stream: records for stream, records in data.items() if stream != LATE_STREAM}
    replicated = {name for name, endpoint in BY_NAME.items() if endpoint.replication_key}
    second = later_extraction(first, replicated, 0.1, int(SECOND_RUN.timestamp()), seed=2)
    second[LATE_STREAM] = list(data[LATE_STREAM])
    # The tap reads `updated_at >= bookmark`: unchanged records come again...
    second["games"] += data["games"][:2]
    # ...and a version older than the loaded one may arrive late: it must not win.
    extracted_again = {record_id(record) for record in second["games"]}
    original = next(r for r in data["games"] if r["id"] not in extracted_again)
    stale = dict(original, name="stale version", updated_at=0)
    second["games"].append(stale)

    incremental = tmp_path / "incremental.duckdb"
    for stream, records in first.items():
        lake.write(stream, records, FIRST_RUN, batch_size=200)
    first_keys = set(lake.keys)
    run = dbt_project.run(lake, incremental)
    assert run.returncode == 0, run.report()

    for stream, later_records in second.items():
        lake.write(stream, later_records, SECOND_RUN, batch_size=200)
    second_keys = set(lake.keys) - first_keys
    dbt_project.s3.reset()
    run = dbt_project.run(lake, incremental)
    assert run.returncode == 0, run.report()
    assert not run.failures(), run.failures()
    # Only the new files were downloaded, each once.
    assert dbt_project.s3.downloaded() == {f"/{lake.bucket}/{key}" for key in second_keys}
    # New ids in lookup tables (date formats, regions…) are only warned about.
    assert all("accepted_values" in warning for warning in run.warnings()), run.warnings()

    dbt_project.s3.reset()
    run = dbt_project.run(lake, incremental)
    assert run.returncode == 0, run.report()
    assert dbt_project.s3.downloaded() == set(), "a build without new files downloads nothing"

    full = tmp_path / "full_refresh.duckdb"
    run = dbt_project.run(lake, full, "--full-refresh")
    assert run.returncode == 0, run.report()
    assert not run.failures(), run.failures()

    assert differences(incremental, full) == {}
    con = connect(full)
    (name,) = con.execute(
        "select name from full_refresh.staging.stg_igdb__games where game_id = ?", [stale["id"]]
    ).fetchone() or (None,)
    assert name == original["name"]
    updated = as_record(second["games"][0])
    (name,) = con.execute(
        "select name from full_refresh.staging.stg_igdb__games where game_id = ?", [updated["id"]]
    ).fetchone() or (None,)
    assert name == updated["name"]
