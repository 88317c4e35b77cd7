"""`dbt build` on small lakes: every model and test passes, and nothing is lost or doubled."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from dbt_runner import TRANSFORM, DbtProject
from lake import Lake, distinct_ids, load_generated, record_id, sweep
from tap_igdb.endpoints import ENDPOINTS
from warehouse import connect, differences, relations, row_count

sys.path.insert(0, str(TRANSFORM / "scripts"))

import generate

# Each mart has one row per record of one stream.
MART_STREAMS = {
    "dim_games": "games",
    "dim_platforms": "platforms",
    "dim_companies": "companies",
    "dim_franchises": "franchises",
    "dim_collections": "collections",
    "dim_characters": "characters",
    "dim_events": "events",
    "dim_game_engines": "game_engines",
    "fct_release_dates": "release_dates",
    "fct_involved_companies": "involved_companies",
    "fct_external_games": "external_games",
    "fct_game_websites": "websites",
    "fct_popularity_primitives": "popularity_primitives",
    "fct_age_ratings": "age_ratings",
    "fct_language_supports": "language_supports",
}
WRITTEN_AT = datetime(2026, 11, 26, 10, 28, 10, 9999, tzinfo=UTC)


def test_build_counts_every_record_once(
    lake: Lake, dbt_project: DbtProject, emulator_data: Path, tmp_path: Path
) -> None:
    data = load_generated(emulator_data)
    # Fields IGDB adds after this release must not break the build; they are ignored.
    for record in data["games"][:5]:
        record["field_igdb_added_later"] = {"nested": [1, 2]}
    # A record extracted twice (the tap reads `updated_at >= bookmark`) is counted once.
    again = {"games": data["games"][:3], "covers": data["covers"][:3]}
    for stream, records in data.items():
        lake.write(stream, records, WRITTEN_AT, batch_size=500)
    for stream, records in again.items():
        lake.write(stream, records, WRITTEN_AT.replace(hour=11))

    warehouse = tmp_path / "warehouse.duckdb"
    run = dbt_project.run(lake, warehouse)

    assert run.returncode == 0, run.report()
    assert not run.failures(), run.failures()
    assert not run.warnings(), run.warnings()
    expected = distinct_ids([data, again])
    con = connect(warehouse)
    built = relations(con, warehouse.stem)
    assert {f"marts.{mart}" for mart in MART_STREAMS} == {
        r for r in built if r.startswith("marts.")
    }
    for mart, stream in MART_STREAMS.items():
        assert row_count(con, warehouse.stem, f"marts.{mart}") == expected[stream], mart
    for endpoint in ENDPOINTS:
        count = row_count(con, warehouse.stem, f"staging.stg_igdb__{endpoint.name}")
        assert count == expected.get(endpoint.name, 0), endpoint.name
    for bridge in generate.bridges():
        records = data[bridge.endpoint.name]
        ids = sum(len(record.get(bridge.column.field) or []) for record in records)
        assert row_count(con, warehouse.stem, f"bridges.{bridge.name}") == ids, bridge.name


def test_build_on_an_empty_lake(lake: Lake, dbt_project: DbtProject, tmp_path: Path) -> None:
    """A lake without files (yet) builds every relation, empty, each documented column by column."""
    warehouse = tmp_path / "warehouse.duckdb"

    run = dbt_project.run(lake, warehouse)

    assert run.returncode == 0, run.report()
    assert not run.failures(), run.failures()
    con = connect(warehouse)
    built = relations(con, warehouse.stem)
    # One per endpoint, and the id sweeps (stg_igdb__id_sweeps).
    assert len([r for r in built if r.startswith("staging.stg_igdb__")]) == len(ENDPOINTS) + 1
    assert all(row_count(con, warehouse.stem, relation) == 0 for relation in built)
    models = [n for n in run.manifest()["nodes"].values() if n["resource_type"] == "model"]
    assert len(models) == len(built)
    for model in models:
        assert model["description"].strip(), model["name"]
        documented = {name: column["description"] for name, column in model["columns"].items()}
        columns = con.execute(
            "select column_name from information_schema.columns"
            " where table_catalog = ? and table_schema = ? and table_name = ?",
            [warehouse.stem, model["schema"], model["name"]],
        ).fetchall()
        assert {name for (name,) in columns} == set(documented), model["name"]
        assert all(description.strip() for description in documented.values()), model["name"]


def test_the_benchmark_baseline_builds_the_same_marts(
    lake: Lake, dbt_project: DbtProject, emulator_data: Path, tmp_path: Path
) -> None:
    """The transform benchmark's baseline (`--vars '{igdb_baseline: true}'`, the old pipeline's
    style): staging models are views over every lake file, and the build, with every test,
    ends with the same marts."""
    data = load_generated(emulator_data)
    for stream, records in data.items():
        lake.write(stream, records, WRITTEN_AT, batch_size=500)
    # A sweep that misses a game: both builds leave it out of the marts.
    gone = record_id(data["games"][1])
    swept_at = int(WRITTEN_AT.timestamp())
    windows = [
        window
        for stream, records in data.items()
        for window in sweep(stream, (i for i in map(record_id, records) if i != gone), swept_at)
    ]
    lake.write("id_sweeps", windows, WRITTEN_AT)

    ours, baseline = tmp_path / "ours.duckdb", tmp_path / "baseline.duckdb"
    for warehouse, args in ((ours, ()), (baseline, ("--vars", "{igdb_baseline: true}"))):
        run = dbt_project.run(lake, warehouse, *args)
        assert run.returncode == 0, run.report()
        assert not run.failures(), run.failures()

    con = connect(baseline)
    kinds = con.execute(
        "select distinct table_type from information_schema.tables"
        " where table_catalog = 'baseline' and table_schema = 'staging'"
    ).fetchall()
    assert kinds == [("VIEW",)]
    assert differences(ours, baseline, ["marts"]) == {}
    (kept,) = con.execute(
        "select count(*) from baseline.marts.dim_games where game_id = ?", [gone]
    ).fetchone() or (None,)
    assert kept == 0
