"""Meltano's schedule igdb-daily: listed with its job, and run end to end in `dev`."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from pipeline_stack import ROOT, PipelineRun, base_env, meltano

MARTS = sorted(path.stem for path in (ROOT / "transform" / "models" / "marts").glob("*.sql"))


def test_schedule_list_shows_igdb_daily_running_igdb_elt(tmp_path: Path) -> None:
    env = {**base_env(), "MELTANO_DATABASE_URI": f"sqlite:///{tmp_path / 'meltano.db'}"}
    result = meltano("schedule", "list", "--format=json", env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    schedules = json.loads(result.stdout)["schedules"]["job"]
    daily = next(schedule for schedule in schedules if schedule["name"] == "igdb-daily")
    assert daily["cron_interval"] == "0 6 * * *"
    assert daily["job"] == {"name": "igdb-elt", "tasks": ["tap-igdb target-s3 dbt-duckdb:build"]}


def test_dev_schedule_run_loads_the_lake_and_builds_the_warehouse(dev_run: PipelineRun) -> None:
    assert dev_run.result.returncode == 0, dev_run.result.stderr[-5000:]
    # The lake: every stream the tap discovers has objects under the dev prefix.
    s3 = dev_run.stack.s3.client()
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket="igdb-lake", Prefix="igdb/dev/raw/")
    keys = [item["Key"] for page in pages for item in page.get("Contents", [])]
    streams = {key.split("/")[3] for key in keys}
    assert {"games", "platforms", "id_sweeps"} <= streams
    assert all(key.endswith(".jsonl.gz") for key in keys)
    # The state of the run, under the dev state id, in the database the run used.
    state = meltano("state", "get", "dev:tap-igdb-to-target-s3", env=dev_run.env, timeout=120)
    assert state.returncode == 0, state.stderr
    bookmarks = json.loads(state.stdout)["singer_state"]["bookmarks"]
    assert "games" in bookmarks
    # The warehouse: every mart, with rows; one row per game in the emulator.
    assert MARTS, "no marts in transform/models/marts"
    with duckdb.connect(str(dev_run.warehouse), read_only=True) as con:
        tables = {
            name
            for (name,) in con.sql(
                "select table_name from information_schema.tables where table_schema = 'marts'"
            ).fetchall()
        }
        assert set(MARTS) <= tables
        (games,) = con.sql("select count(*) from marts.dim_games").fetchone() or (0,)
    assert games == dev_run.stack.emulator.admin.counts()["games"]
