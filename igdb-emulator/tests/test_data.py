"""The generated data: determinism, integrity, parent/child links, IGDB's shapes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from tap_igdb.endpoints import BY_NAME, ENDPOINTS

from igdb_emulator import spec
from igdb_emulator.admin import ApiClient, EmulatorProcess, run_emulator

if TYPE_CHECKING:
    from collections.abc import Iterator

Records = dict[str, list[dict[str, Any]]]
CHECKSUM = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@pytest.fixture(scope="module")
def data(small: EmulatorProcess) -> Records:
    return {e.name: list(small.admin.records(e.name)) for e in ENDPOINTS}


def by_id(records: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    return {r["id"]: r for r in records}


def test_every_endpoint_has_records(data: Records) -> None:
    assert len(data) == 71
    assert all(data[name] for name in data), [name for name in data if not data[name]]
    assert len(data["games"]) == 300
    assert len(data["genres"]) == 23
    assert len(data["platforms"]) == 220


def test_fields_match_the_table(data: Records) -> None:
    """Every table field appears somewhere; no field outside the table."""
    for endpoint in ENDPOINTS:
        seen = {key for record in data[endpoint.name] for key in record}
        assert seen <= set(endpoint.fields), (endpoint.name, seen - set(endpoint.fields))
        assert seen == set(endpoint.fields), (endpoint.name, set(endpoint.fields) - seen)


def test_deprecated_fields_are_rare(data: Records) -> None:
    games = data["games"]
    for name, field in BY_NAME["games"].fields.items():
        if field.deprecated:
            share = sum(name in g for g in games) / len(games)
            assert share < 0.1, name


def test_values_have_their_kinds(data: Records) -> None:
    checks = {
        "string": lambda v: isinstance(v, str),
        "strings": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "integers": lambda v: isinstance(v, list) and all(isinstance(x, int) for x in v),
        "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "timestamp": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "ref": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "refs": lambda v: isinstance(v, list) and all(isinstance(x, int) for x in v),
        "checksum": lambda v: isinstance(v, str) and CHECKSUM.match(v) is not None,
    }
    for endpoint in ENDPOINTS:
        for record in data[endpoint.name]:
            for key, value in record.items():
                assert value is not None
                assert checks[endpoint.fields[key].kind](value), (endpoint.name, key, value)


def test_referential_integrity(data: Records) -> None:
    ids = {name: {r["id"] for r in records} for name, records in data.items()}
    for endpoint in ENDPOINTS:
        for key, field in endpoint.fields.items():
            if field.target is None:
                continue
            for record in data[endpoint.name]:
                value = record.get(key)
                values = value if isinstance(value, list) else [] if value is None else [value]
                missing = [v for v in values if v not in ids[field.target]]
                assert not missing, (endpoint.name, record["id"], key, missing)
    games = ids["games"]
    for name in ("game_time_to_beats", "popularity_primitives"):
        assert all(r["game_id"] in games for r in data[name])


@pytest.mark.parametrize(
    ("parent", "parent_field", "child", "child_field"),
    [
        ("games", "cover", "covers", "game"),
        ("games", "screenshots", "screenshots", "game"),
        ("games", "artworks", "artworks", "game"),
        ("games", "websites", "websites", "game"),
        ("games", "alternative_names", "alternative_names", "game"),
        ("games", "external_games", "external_games", "game"),
        ("games", "videos", "game_videos", "game"),
        ("games", "involved_companies", "involved_companies", "game"),
        ("games", "release_dates", "release_dates", "game"),
        ("games", "language_supports", "language_supports", "game"),
        ("games", "multiplayer_modes", "multiplayer_modes", "game"),
        ("games", "game_localizations", "game_localizations", "game"),
        ("events", "event_logo", "event_logos", "event"),
        ("events", "event_networks", "event_networks", "event"),
        ("collections", "as_parent_relations", "collection_relations", "parent_collection"),
        ("game_version_features", "values", "game_version_feature_values", "game_feature"),
        (
            "platform_versions",
            "platform_version_release_dates",
            "platform_version_release_dates",
            "platform_version",
        ),
    ],
)
def test_parent_child_consistency(
    data: Records, parent: str, parent_field: str, child: str, child_field: str
) -> None:
    children = by_id(data[child])
    listed: set[int] = set()
    for record in data[parent]:
        value = record.get(parent_field)
        kids = value if isinstance(value, list) else [] if value is None else [value]
        for kid in kids:
            assert children[kid][child_field] == record["id"], (parent, record["id"], kid)
        listed.update(kids)
    assert listed == set(children), "every child is listed by its parent"


def test_children_without_back_reference(data: Records) -> None:
    # age_ratings has no `game` field, yet every age rating belongs to exactly one game.
    owners: dict[int, int] = {}
    for game in data["games"]:
        for rating in game.get("age_ratings", []):
            assert rating not in owners
            owners[rating] = game["id"]
    assert set(owners) == {r["id"] for r in data["age_ratings"]}
    assert len({r["game_id"] for r in data["game_time_to_beats"]}) == len(
        data["game_time_to_beats"]
    )


def test_ids_timestamps_and_counts(data: Records) -> None:
    total_gaps = 0
    for endpoint in ENDPOINTS:
        records = data[endpoint.name]
        ids = [r["id"] for r in records]
        assert ids == sorted(ids)
        assert len(set(ids)) == len(ids)
        assert all(i >= 0 for i in ids)
        total_gaps += ids[-1] - ids[0] + 1 - len(ids)
        if "updated_at" in endpoint.fields:
            created = [r["created_at"] for r in records]
            assert created == sorted(created), endpoint.name  # ids ascend with created_at
            assert all(r["created_at"] <= r["updated_at"] <= spec.DATASET_TIME for r in records)
    assert total_gaps > 0  # some ids are missing, like deleted records
    assert next(r["id"] for r in data["game_types"]) == 0  # the enum ids start at 0


def test_igdb_shapes(data: Records) -> None:
    games = data["games"]
    assert all(g["url"] == f"https://www.igdb.com/games/{g['slug']}" for g in games)
    assert any(g.get("first_release_date", 0) < 0 for g in games)
    assert any(c.get("start_date", 0) < 0 for c in data["companies"])
    assert any(not g["name"].isascii() for g in games)
    assert any(len(g.get("keywords", [])) >= 20 for g in games)
    assert all(len(g.get("similar_games", [0] * 10)) == 10 for g in games)
    for cover in data["covers"]:
        assert (
            cover["url"] == f"//images.igdb.com/igdb/image/upload/t_thumb/{cover['image_id']}.jpg"
        )
    ratings = [g["total_rating"] for g in games if "total_rating" in g]
    assert ratings
    assert all(0 <= r <= 100 and isinstance(r, float) for r in ratings)
    tagged = next(g for g in games if g.get("genres") and g.get("tags"))
    assert all(((1 << 28) | genre) in tagged["tags"] for genre in tagged["genres"])
    assert all(g["tags"] == sorted(g["tags"]) for g in games if "tags" in g)
    for release in data["release_dates"]:
        if "date" in release and release.get("date_format", 0) != 7:
            assert release["y"] == __import__("time").gmtime(release["date"]).tm_year
    key_counts = {len(g) for g in games}
    assert max(key_counts) - min(key_counts) >= 10  # absent keys rather than nulls
    assert {r["type"] for r in data["game_types"]} >= {"Main Game", "DLC", "Expansion"}
    assert {r["name"] for r in data["genres"]} >= {"Shooter", "Role-playing (RPG)", "MOBA"}


def test_checksums_are_unique_content_hashes(data: Records) -> None:
    checksums = [r["checksum"] for records in data.values() for r in records]
    assert len(set(checksums)) == len(checksums)


def test_records_endpoint_matches_the_api(small: EmulatorProcess, data: Records) -> None:
    api = ApiClient(small)
    for name in ("games", "covers", "platforms"):
        served = api.rows(name, "fields *; sort id asc; limit 500;")
        assert served == data[name][:500]


@pytest.fixture(scope="module")
def twins() -> Iterator[tuple[EmulatorProcess, EmulatorProcess, EmulatorProcess]]:
    with (
        run_emulator(scale=120, seed=3) as a,
        run_emulator(scale=120, seed=3) as b,
        run_emulator(scale=120, seed=4) as c,
    ):
        yield a, b, c


def test_determinism(twins: tuple[EmulatorProcess, EmulatorProcess, EmulatorProcess]) -> None:
    a, b, c = twins
    for name in ("games", "release_dates", "companies", "genres"):
        first, second, other = (list(e.admin.records(name)) for e in twins)
        assert first == second
        if name != "genres":
            assert first != other
    assert a.admin.counts() == b.admin.counts()
    assert a.admin.counts()["release_dates"] != c.admin.counts()["release_dates"]
