"""Endpoints, paths, counts, multiquery and size limits of the API."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from tap_igdb.endpoints import ENDPOINTS

from igdb_emulator.admin import ApiClient, run_emulator

if TYPE_CHECKING:
    from collections.abc import Iterator


def test_every_endpoint_answers(client: ApiClient) -> None:
    counts = client.emu.admin.counts()
    assert set(counts) == {e.name for e in ENDPOINTS}
    for endpoint in ENDPOINTS:
        response = client.post(endpoint.name, "fields *; sort id asc; limit 500;")
        assert response.status_code == 200, endpoint.name
        assert response.headers["X-Count"] == str(counts[endpoint.name])
        assert len(response.json()) == min(500, counts[endpoint.name])
        assert client.post(f"{endpoint.name}/count", "").json() == {"count": counts[endpoint.name]}


def test_trailing_slash(client: ApiClient) -> None:
    assert (
        client.post("games/", "fields id; limit 2;").json()
        == client.post("games", "fields id; limit 2;").json()
    )
    assert client.post("multiquery/", 'query games "a" { fields id; limit 1; };').status_code == 200


@pytest.mark.parametrize("path", ["gamez", "games/nope", "games/count/extra", "v4/games", ""])
def test_unknown_paths_are_plain_404(client: ApiClient, path: str) -> None:
    response = client.post(path, "fields *;")
    assert response.status_code == 404
    assert response.text == f"Endpoint POST /{path} not found"
    assert response.headers["Content-Type"].startswith("text/plain")


def test_x_count_ignores_limit_and_offset(client: ApiClient) -> None:
    total = client.post("games/count", "where id > 50;").json()["count"]
    for body in (
        "fields id; where id > 50; limit 5;",
        "fields id; where id > 50; limit 5; offset 100;",
        "fields id; where id > 50;",
        "fields id; where id > 50; sort name desc; limit 3;",
    ):
        assert client.post("games", body).headers["X-Count"] == str(total)


def test_id_windows_like_the_tap(client: ApiClient) -> None:
    everything = client.ids("games", "fields id; sort id asc; limit 500;")
    window = client.post("games", "fields *; where id > 20 & id <= 60; sort id asc; limit 500;")
    assert [r["id"] for r in window.json()] == [i for i in everything if 20 < i <= 60]
    assert window.headers["X-Count"] == str(len([i for i in everything if 20 < i <= 60]))
    stamps = {
        r["id"]: r["updated_at"] for r in client.rows("games", "fields updated_at; limit 500;")
    }
    cut = sorted(stamps.values())[len(stamps) // 2]
    rows = client.rows(
        "games",
        f"fields *; where id > 20 & id <= 200 & updated_at >= {cut}; sort id asc; limit 500;",
    )
    assert [r["id"] for r in rows] == [i for i in everything if 20 < i <= 200 and stamps[i] >= cut]
    last = client.rows("games", "fields id; sort id desc; limit 1;")
    assert last == [{"id": everything[-1]}]


def test_multiquery_results_and_counts(client: ApiClient) -> None:
    body = (
        'query games "Games" { fields name; where id = (1,2); sort id asc; }; '
        'query platforms/count "Count of Platforms" { }; '
        'query genres "Genres" { fields name; limit 3; };'
    )
    result = client.post("multiquery", body).json()
    assert [block["name"] for block in result] == ["Games", "Count of Platforms", "Genres"]
    assert [r["id"] for r in result[0]["result"]] == [1, 2]
    assert result[1] == {"name": "Count of Platforms", "count": 220}
    assert len(result[2]["result"]) == 3


def test_more_than_ten_subqueries_is_400(client: ApiClient) -> None:
    body = " ".join(f'query games "q{i}" {{ fields id; }};' for i in range(11))
    response = client.post("multiquery", body)
    assert response.status_code == 400
    assert response.content == (
        b'{"title":"Too Many Concurrent queries",'
        b'"details":"The maximum amount of concurrent request is at 10 queries"}'
    )
    ten = " ".join(f'query games "q{i}" {{ fields id; }};' for i in range(10))
    assert client.post("multiquery", ten).status_code == 200


def test_multiquery_unknown_endpoint(client: ApiClient) -> None:
    response = client.post("multiquery", 'query gamez "a" { fields id; };')
    assert response.status_code == 404
    assert response.text == "Endpoint POST /gamez not found"


def test_meta_lists_fields(client: ApiClient) -> None:
    fields = client.post("games/meta", "").json()
    assert "name" in fields
    assert "checksum" in fields


@pytest.fixture(scope="module")
def tiny_cap() -> Iterator[ApiClient]:
    with run_emulator(scale=100, requests_per_second=0, max_response_bytes=20_000) as emu:
        yield ApiClient(emu)


def test_413_when_the_answer_is_too_large(tiny_cap: ApiClient) -> None:
    response = tiny_cap.post("games", "fields *; limit 500;")
    assert response.status_code == 413
    assert response.content == (
        b'[{"title":"Payload Too Large","status":413,"cause":"Response exceeds 10MB limit."}]'
    )
    assert tiny_cap.post("games", "fields *; limit 5;").status_code == 200
    body = " ".join(f'query games "q{i}" {{ fields *; limit 50; }};' for i in range(5))
    assert tiny_cap.post("multiquery", body).status_code == 413


def test_responses_have_no_nulls(client: ApiClient) -> None:
    for endpoint in ("games", "companies", "release_dates", "age_ratings"):
        response = client.post(endpoint, "fields *; limit 500;")
        assert b"null" not in response.content.replace(b"nullable", b"")


@pytest.fixture(scope="module")
def wide() -> Iterator[ApiClient]:
    # external_games then has ~6,000 rows: enough for the sorted-by-updated_at index.
    with run_emulator(scale=2000, seed=2, requests_per_second=0, max_concurrent=0) as emu:
        yield ApiClient(emu)


@pytest.mark.parametrize("direction", ["asc", "desc"])
def test_paging_by_updated_at(wide: ApiClient, direction: str) -> None:
    admin = wide.emu.admin
    admin.mutate("external_games", update=40, create=3, same_second_as=1_790_000_000)
    admin.mutate("external_games", update=10, delete=5, same_second_as=1_700_000_000)
    stamps = {r["id"]: r["updated_at"] for r in admin.records("external_games")}
    cut = 1_650_000_000
    wanted = sorted(
        (i for i, s in stamps.items() if s >= cut),
        key=lambda i: (-stamps[i] if direction == "desc" else stamps[i], i),
    )
    got: list[int] = []
    for offset in range(0, len(wanted) + 500, 500):
        body = (
            f"fields id,updated_at; where updated_at >= {cut}; sort updated_at {direction};"
            f" limit 500; offset {offset};"
        )
        response = wide.post("external_games", body)
        assert response.headers["X-Count"] == str(len(wanted))
        got += [r["id"] for r in response.json()]
    assert got == wanted
