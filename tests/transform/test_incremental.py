"""Incremental builds read only new lake files and end up exactly where a full refresh does.

Deletions included: the second run's id sweeps miss records loaded by the first, so rows
loaded before become deleted, and the incremental build must flag exactly the rows a full
refresh flags.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from dbt_runner import TRANSFORM, DbtProject
from duckdb import DuckDBPyConnection
from lake import Lake, Record, as_record, later_extraction, load_generated, record_id, sweep
from tap_igdb.endpoints import BY_NAME
from warehouse import connect, differences

sys.path.insert(0, str(TRANSFORM / "scripts"))

from generate import key_name

FIRST_RUN = datetime(2026, 11, 26, 10, 0, 0, 9999, tzinfo=UTC)
SECOND_RUN = FIRST_RUN + timedelta(days=1, microseconds=342762)
LATE_STREAM = "game_time_to_beats"  # no files before the second run (nothing refers to it)
PAGE_SIZE = 40  # ids per sweep page: several windows per endpoint at this scale
# An incremental stream whose sweep is not due on the second run (id_sweep_interval_hours).
NOT_DUE = "external_games"


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

    # IGDB deletes records between the runs; the second run's sweeps miss them.
    ids = {stream: sorted(record_id(r) for r in records) for stream, records in data.items()}
    new_games = sorted({record_id(r) for r in second["games"]} - set(ids["games"]))
    untouched = [i for i in ids["games"] if i not in extracted_again and i != original["id"]]
    deleted = {
        # two games the first run loaded, and one the second run extracted before it went
        "games": {untouched[0], untouched[1], new_games[0]},
        # a full-table stream: the second run's full read no longer has it
        "covers": {ids["covers"][1]},
        # the second run's sweep of platforms stops after its first window (say, killed)
        "platforms": {ids["platforms"][0]},
    }
    second["covers"] = [r for r in second["covers"] if record_id(r) not in deleted["covers"]]
    # The highest genres go too, past the reach of the second sweep (it ends at the highest
    # id it lists): the first run's highest is judged by the first sweep, which listed it,
    # and the second run's new ones by no sweep. All stay live.
    genres = sorted({record_id(r) for r in [*first["genres"], *second["genres"]]})
    gone_unseen = {"genres": set(genres[genres.index(ids["genres"][-1]) :])}
    first_sweeps = [
        record
        for stream, records in first.items()
        for record in sweep(stream, map(record_id, records), _stamp(FIRST_RUN), PAGE_SIZE)
    ]
    second_sweeps: list[Record] = []
    for stream in data:
        known = {record_id(r) for r in [*first.get(stream, []), *second.get(stream, [])]}
        gone = deleted.get(stream, set()) | gone_unseen.get(stream, set())
        found = sweep(stream, known - gone, _stamp(SECOND_RUN), PAGE_SIZE)
        if stream != NOT_DUE:
            second_sweeps += found[:1] if stream == "platforms" else found

    incremental = tmp_path / "incremental.duckdb"
    for stream, records in first.items():
        lake.write(stream, records, FIRST_RUN, batch_size=200)
    lake.write("id_sweeps", first_sweeps, FIRST_RUN, batch_size=200)
    first_keys = set(lake.keys)
    run = dbt_project.run(lake, incremental)
    assert run.returncode == 0, run.report()

    for stream, later_records in second.items():
        lake.write(stream, later_records, SECOND_RUN, batch_size=200)
    lake.write("id_sweeps", second_sweeps, SECOND_RUN, batch_size=200)
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

    with connect(incremental) as con:
        flagged = {
            stream: _ids(
                con,
                f"select {key_name(stream)} from incremental.staging.stg_igdb__{stream}"
                " where is_deleted",
            )
            for stream in data
        }
        assert {stream: keys for stream, keys in flagged.items() if keys} == deleted
        # The only sweep of NOT_DUE, the first run's, has windows planned past its highest id
        # (as tap-igdb's do), over the second run's new records: it cannot judge them.
        first_windows = [r for r in first_sweeps if r["endpoint"] == NOT_DUE]
        assert max(r["until_id"] for r in first_windows) > max(map(record_id, second[NOT_DUE]))
        live_games = _ids(con, "select game_id from incremental.marts.dim_games")
        assert not live_games & deleted["games"]
        genres_loaded = _ids(con, "select genre_id from incremental.staging.stg_igdb__genres")
        assert gone_unseen["genres"] <= genres_loaded
        bridged = _ids(con, "select game_id from incremental.bridges.bridge_games__genres")
        assert not bridged & deleted["games"]
        # Windows that can no longer decide are pruned: those past the highest id their sweep
        # listed, and those a newer sweep covers. The first run's windows remain only past
        # the reach of the second sweep: platforms (cut short), genres (its highest went)
        # and NOT_DUE (not swept again).
        kept = set(
            con.execute(
                "select endpoint, after_id from incremental.staging.stg_igdb__id_sweeps"
                " where epoch(swept_at) = ?",
                [_stamp(FIRST_RUN)],
            ).fetchall()
        )
        assert kept == {
            (r["endpoint"], r["after_id"])
            for r in first_sweeps
            if r["after_id"] < _highest(first_sweeps, r["endpoint"])
            and min(r["until_id"], _highest(first_sweeps, r["endpoint"]))
            > _highest(second_sweeps, r["endpoint"])
        }
        assert {endpoint for endpoint, _ in kept} == {"platforms", "genres", NOT_DUE}

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


def _stamp(moment: datetime) -> int:
    return int(moment.timestamp())


def _ids(con: DuckDBPyConnection, query: str) -> set[int]:
    return {key for (key,) in con.execute(query).fetchall()}


def _highest(sweeps: list[Record], endpoint: str) -> int:
    """The highest id a sweep listed: every sweep here reaches from the first id to it."""
    return max((i for r in sweeps if r["endpoint"] == endpoint for i in r["ids"]), default=-1)
