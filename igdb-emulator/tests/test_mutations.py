"""Mutations on demand, churn while paging, and the mutation log."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import pytest

from igdb_emulator import spec
from igdb_emulator.admin import AdminError, ApiClient, run_emulator

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(scope="module")
def api() -> Iterator[ApiClient]:
    with run_emulator(scale=200, seed=11, requests_per_second=0, max_concurrent=0) as emu:
        yield ApiClient(emu)


@pytest.fixture(autouse=True)
def fresh(api: ApiClient) -> None:
    api.emu.admin.reset(data=True)


def records(api: ApiClient, endpoint: str, ids: list[int]) -> dict[int, dict[str, Any]]:
    joined = ",".join(map(str, ids))
    return {r["id"]: r for r in api.rows(endpoint, f"fields *; where id = ({joined}); limit 500;")}


def test_update_changes_fields_stamp_and_checksum(api: ApiClient) -> None:
    before = {r["id"]: r for r in api.emu.admin.records("games")}
    started = int(time.time())
    result = api.emu.admin.mutate("games", update=5)
    assert len(result.updated) == 5
    assert not result.created
    assert not result.deleted
    after = records(api, "games", result.updated)
    for game_id in result.updated:
        old, new = before[game_id], after[game_id]
        assert new["checksum"] != old["checksum"]
        assert new["updated_at"] >= max(started, spec.DATASET_TIME + 1)
        assert new["created_at"] == old["created_at"]
        changed = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
        assert changed - {"updated_at", "checksum"}, "some content changed too"
    cut = min(after[i]["updated_at"] for i in result.updated)
    response = api.post(
        "games", f"fields id; where updated_at >= {cut}; sort updated_at asc; limit 500;"
    )
    assert {r["id"] for r in response.json()} == set(result.updated)
    assert response.headers["X-Count"] == "5"


def test_update_given_ids_and_same_second(api: ApiClient) -> None:
    result = api.emu.admin.mutate("games", update=[1, 2, 999_999], same_second_as=1_790_000_000)
    assert result.updated == [1, 2]
    assert {r["updated_at"] for r in records(api, "games", [1, 2]).values()} == {1_790_000_000}
    again = api.emu.admin.mutate("games", update=[1], same_second_as=1_790_000_000)
    assert again.updated == [1]
    assert records(api, "games", [1])[1]["updated_at"] == 1_790_000_000


def test_update_without_timestamps_changes_checksum(api: ApiClient) -> None:
    before = records(api, "screenshots", [1, 2])
    api.emu.admin.mutate("screenshots", update=[1, 2])
    after = records(api, "screenshots", [1, 2])
    assert all(after[i]["checksum"] != before[i]["checksum"] for i in (1, 2))
    assert all(after[i]["game"] == before[i]["game"] for i in (1, 2))  # links stay


def test_update_with_values_drifts_the_schema(api: ApiClient) -> None:
    genre = next(api.emu.admin.records("genres"))["id"]
    before = records(api, "genres", [genre])[genre]
    result = api.emu.admin.mutate("genres", update=[genre], values={"name": 404, "mood": "calm"})
    assert result.updated == [genre]
    after = records(api, "genres", [genre])[genre]
    assert after["name"] == 404  # a string until now
    assert after["mood"] == "calm"  # a field the endpoint table does not have
    assert after["slug"] == before["slug"]  # nothing else changes
    assert after["checksum"] != before["checksum"]
    assert after["updated_at"] > before["updated_at"]
    query = f"fields mood; where id = {genre};"
    assert api.rows("genres", query) == [{"id": genre, "mood": "calm"}]
    with pytest.raises(AdminError, match="set must be"):
        api.emu.admin.mutate("genres", update=[genre], values={"id": 3})


def test_a_new_endpoint_is_served_until_reset(api: ApiClient) -> None:
    assert api.post("game_moods", "fields *;").status_code == 404
    api.emu.admin.add_endpoint("game_moods", [{"id": 2, "name": "calm"}, {"id": 1, "name": "x"}])
    assert api.rows("game_moods", "fields *; sort id asc;") == [
        {"id": 1, "name": "x"},
        {"id": 2, "name": "calm"},
    ]
    assert api.emu.admin.counts()["game_moods"] == 2
    with pytest.raises(AdminError, match="exists"):
        api.emu.admin.add_endpoint("games", [])
    with pytest.raises(AdminError, match="integer"):
        api.emu.admin.add_endpoint("game_tones", [{"name": "no id"}])
    api.emu.admin.reset(data=True)
    assert api.post("game_moods", "fields *;").status_code == 404


def test_create_and_delete(api: ApiClient) -> None:
    counts = api.emu.admin.counts()
    top = api.ids("games", "fields id; sort id desc; limit 1;")[0]
    result = api.emu.admin.mutate("games", create=3, delete=2)
    assert len(result.created) == 3
    assert len(result.deleted) == 2
    assert min(result.created) > top
    assert result.created == sorted(result.created)
    assert api.emu.admin.counts()["games"] == counts["games"] + 1
    created = records(api, "games", result.created)
    now = int(time.time())
    for record in created.values():
        assert record["created_at"] == record["updated_at"] >= min(now, spec.DATASET_TIME + 1) - 5
    platforms = {p["id"] for p in api.emu.admin.records("platforms")}
    assert all(set(r.get("platforms", [])) <= platforms for r in created.values())
    assert records(api, "games", result.deleted) == {}
    assert api.post("games/count", "").json()["count"] == counts["games"] + 1


def test_deleted_ids_are_never_reused(api: ApiClient) -> None:
    created = api.emu.admin.mutate("games", create=1).created[0]
    api.emu.admin.mutate("games", delete=[created])
    again = api.emu.admin.mutate("games", create=1).created[0]
    assert again > created


def test_created_children_reference_existing_parents(api: ApiClient) -> None:
    result = api.emu.admin.mutate("screenshots", create=5)
    games = {g["id"] for g in api.emu.admin.records("games")}
    assert all(r["game"] in games for r in records(api, "screenshots", result.created).values())


def test_mutation_log_and_reset(api: ApiClient) -> None:
    before = records(api, "games", [3])
    api.emu.admin.mutate("games", update=[3], create=1)
    log = api.emu.admin.stats()["mutations"]
    assert len(log) == 1
    assert log[0]["endpoint"] == "games"
    assert log[0]["updated"] == [3]
    assert len(log[0]["created"]) == 1
    assert log[0]["source"] == "mutate"
    api.emu.admin.reset()  # keeps the data
    assert records(api, "games", [3]) != before
    api.emu.admin.reset(data=True)
    assert records(api, "games", [3]) == before
    assert api.emu.admin.stats()["mutations"] == []


def test_churn_while_paging(api: ApiClient) -> None:
    api.emu.admin.churn("games", every_requests=1, create=1, update=2, delete=1)
    seen: list[int] = []
    after = 0
    for _ in range(6):
        page = api.ids("games", f"fields id; where id > {after}; sort id asc; limit 20;")
        seen += page
        after = page[-1]
    api.emu.admin.stop_churn("games")
    log = api.emu.admin.stats()["mutations"]
    assert len(log) == 6
    assert all(
        e["source"] == "churn" and len(e["updated"]) == 2 and len(e["deleted"]) == 1 for e in log
    )
    assert all(len(e["created"]) == 1 for e in log)
    deleted = {i for e in log for i in e["deleted"]}
    assert api.emu.admin.counts()["games"] == 200
    assert not deleted & set(api.ids("games", "fields id; limit 500;"))
    api.ids("games", "fields id;")
    assert len(api.emu.admin.stats()["mutations"]) == 6  # stopped


def test_churn_counts_requests_touching_the_endpoint(api: ApiClient) -> None:
    api.emu.admin.churn("games", every_requests=2, update=1)
    api.ids("platforms", "fields id;")  # another endpoint
    api.ids("games", "fields id;")
    assert api.emu.admin.stats()["mutations"] == []
    blocks = " ".join(f'query games "q{i}" {{ fields id; }};' for i in range(5))
    api.post("multiquery", blocks)  # one request
    assert len(api.emu.admin.stats()["mutations"]) == 1
    api.emu.admin.stop_churn("games")


def test_bad_mutations_are_refused(api: ApiClient) -> None:
    with pytest.raises(AdminError, match="unknown endpoint"):
        api.emu.admin.mutate("gamez", update=1)
    with pytest.raises(AdminError):
        api.emu.admin.mutate("games", update=-1)
