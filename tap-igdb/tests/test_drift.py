"""Schema drift: IGDB adds a field (kept, announced) or changes a field's type (clear stop)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from igdb_emulator.admin import EmulatorProcess, write_jsonl
from tap_harness import RunTap

GENRES = [
    {"id": 1, "name": "Pinball", "slug": "pinball", "checksum": "a-b-c-d-e", "updated_at": 10},
    {"id": 2, "name": "Adventure", "slug": "adventure", "updated_at": 11},
    {"id": 3, "name": "Indie", "updated_at": 12},
]


def test_a_new_field_is_kept_and_announced(
    own_emulator: Callable[..., EmulatorProcess],
    run_tap: RunTap,
    tap_config: Any,
    tmp_path: Path,
) -> None:
    genres = [dict(r) for r in GENRES]
    genres[1]["popularity_rank"] = 7  # a field IGDB has added since this release
    write_jsonl(tmp_path / "data", "genres", genres)
    emulator = own_emulator(data=tmp_path / "data", requests_per_second=0, max_concurrent=0)
    run = run_tap(tap_config(emulator), streams=["genres"])
    assert run.returncode == 0, run.stderr[-3000:]
    assert [r.get("popularity_rank") for r in run.records["genres"]] == [None, 7, None]
    assert "popularity_rank" in run.schemas["genres"]["properties"]
    assert run.stderr.count("IGDB sent a field the schema does not declare, 'popularity_rank'") == 1


def test_a_changed_type_stops_with_stream_record_and_field(
    own_emulator: Callable[..., EmulatorProcess],
    run_tap: RunTap,
    tap_config: Any,
    tmp_path: Path,
) -> None:
    genres = [dict(r) for r in GENRES]
    genres[2]["name"] = 404  # was a string
    write_jsonl(tmp_path / "data", "genres", genres)
    emulator = own_emulator(data=tmp_path / "data", requests_per_second=0, max_concurrent=0)
    run = run_tap(tap_config(emulator), streams=["genres"])
    assert run.returncode != 0
    assert (
        "IGDB sent genres record id 3 with field 'name' = '404' (int), but its schema says "
        "string" in run.stderr
    )
    assert all(r["id"] != 3 for r in run.records["genres"])

    # Deselecting the field lets the rest load.
    run = run_tap(tap_config(emulator), streams=["genres"], deselect=["genres.name"])
    assert run.returncode == 0, run.stderr[-3000:]
    assert [r["id"] for r in run.records["genres"]] == [1, 2, 3]
    assert all("name" not in r for r in run.records["genres"])


def test_arrays_of_the_wrong_items_are_caught(
    own_emulator: Callable[..., EmulatorProcess],
    run_tap: RunTap,
    tap_config: Any,
    tmp_path: Path,
) -> None:
    games = [{"id": 1, "name": "A", "platforms": [6, 48]}, {"id": 2, "platforms": [6, "PS4"]}]
    write_jsonl(tmp_path / "data", "games", games)
    emulator = own_emulator(data=tmp_path / "data", requests_per_second=0, max_concurrent=0)
    run = run_tap(tap_config(emulator), streams=["games"])
    assert run.returncode != 0
    assert "IGDB sent games record id 2 with field 'platforms'" in run.stderr
    assert "but its schema says refs" in run.stderr
