"""The SDK's record features still apply: stream maps, aliases, deselected fields."""

from __future__ import annotations

from typing import Any

from igdb_emulator.admin import EmulatorProcess
from tap_harness import RunTap


def test_stream_maps_transform_records(
    emulator: EmulatorProcess, run_tap: RunTap, tap_config: Any
) -> None:
    maps = {"genres": {"slug": None, "name_upper": "name.upper()"}}
    run = run_tap(tap_config(emulator, stream_maps=maps), streams=["genres", "themes"])
    assert run.returncode == 0, run.stderr[-3000:]
    genres = run.records["genres"]
    assert genres
    assert all("slug" not in r and r["name_upper"] == r["name"].upper() for r in genres)
    assert "name_upper" in run.schemas["genres"]["properties"]
    # Streams without a map are untouched.
    assert any("slug" in r for r in run.records["themes"])


def test_an_alias_renames_the_stream(
    emulator: EmulatorProcess, run_tap: RunTap, tap_config: Any
) -> None:
    maps = {"genres": {"__alias__": "igdb_genres"}}
    run = run_tap(tap_config(emulator, stream_maps=maps), streams=["genres"])
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.records["igdb_genres"]
    assert "genres" not in run.records


def test_deselected_fields_are_not_written(
    emulator: EmulatorProcess, run_tap: RunTap, tap_config: Any
) -> None:
    run = run_tap(tap_config(emulator), streams=["games"], deselect=["games.summary"])
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.records["games"]
    assert all("summary" not in r for r in run.records["games"])
    assert any("storyline" in r for r in run.records["games"])
