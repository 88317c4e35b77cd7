"""Apicalypse over HTTP: every operator, precedence, wildcards, null, shorthands, errors.

The server serves a hand-made `--data` directory so that every answer is known.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from igdb_emulator.admin import ApiClient, run_emulator, write_jsonl

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path
from typing import Any

GAMES: list[dict[str, Any]] = [
    {"id": 1, "name": "Super Mario Bros.", "rating": 90.5, "platforms": [4, 5], "genres": [8],
     "first_release_date": -100, "created_at": 500, "updated_at": 1000, "summary": "Jump"},
    {"id": 2, "name": "super mario world", "rating": 85, "platforms": [5], "genres": [8, 31],
     "created_at": 600, "updated_at": 2000},
    {"id": 3, "name": "Zelda", "rating": 95.0, "platforms": [4, 48], "genres": [31, 12],
     "created_at": 700, "updated_at": 2000},
    {"id": 4, "name": "Mario Kart 8", "platforms": [130], "created_at": 800, "updated_at": 3000},
    {"id": 5, "name": "Tetris 🎮", "rating": 70, "platforms": [4, 5, 48], "genres": [9],
     "created_at": 900, "updated_at": 1500},
    {"id": 6, "name": "Café Quest", "created_at": 950, "updated_at": 3000, "rating": None},
    {"id": 7, "name": "Tie", "rating": 85, "created_at": 960, "updated_at": 1000},
    *({"id": n, "name": f"Filler {n}", "created_at": 1000 + n, "updated_at": 1000 + n}
      for n in range(10, 30)),
]  # fmt: skip
INVOLVED = [
    {"id": 1, "developer": True, "game": 1},
    {"id": 2, "developer": False, "game": 1},
    {"id": 3, "game": 2},
]
FIRST = [1, 2, 3, 4, 5, 6, 7]


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiClient]:
    data: Path = tmp_path_factory.mktemp("data")
    write_jsonl(data, "games", GAMES)
    write_jsonl(data, "involved_companies", INVOLVED)
    with run_emulator(data=data, requests_per_second=0, max_concurrent=0) as emu:
        yield ApiClient(emu)


def ids(api: ApiClient, where: str, endpoint: str = "games") -> list[int]:
    return api.ids(endpoint, f"fields id; where {where}; sort id asc; limit 500;")


def first(api: ApiClient, where: str) -> list[int]:
    return [i for i in ids(api, where) if i < 10]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("id = 3", [3]),
        ("id != 3", [1, 2, 4, 5, 6, 7]),
        ("rating > 85", [1, 3]),
        ("rating >= 85", [1, 2, 3, 7]),
        ("rating < 85", [5]),
        ("rating <= 85", [2, 5, 7]),
        ("rating = 85", [2, 7]),
        ("rating != 90.5", [2, 3, 5, 7]),  # absent fields never compare, except = null
        ("rating = null", [4, 6]),  # a null in the file is served as an absent key
        ("rating != null", [1, 2, 3, 5, 7]),
        ("rating = n", [4, 6]),
        ("first_release_date < 0", [1]),  # negative timestamps compare as numbers
        ("id = (1,3,5)", [1, 3, 5]),
        ("id = !(1,3)", [2, 4, 5, 6, 7]),
        ("id != (1,3)", [2, 4, 5, 6, 7]),
        ("updated_at >= 2000 & updated_at < 3000", [2, 3]),
        ("updated_at = 1000", [1, 7]),
    ],
)
def test_scalar_operators(api: ApiClient, where: str, expected: list[int]) -> None:
    assert first(api, where) == expected


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("platforms = 4", [1, 3, 5]),  # = on an array: contains
        ("platforms != 4", [2, 4]),  # does not contain (absent arrays never match)
        ("platforms = (4,130)", [1, 3, 4, 5]),  # contains any
        ("platforms = [4,5]", [1, 5]),  # contains all
        ("platforms = ![4,5]", [4]),  # contains none
        ("platforms = !(4,5)", [2, 3, 4]),  # not all of them
        ("platforms = {4,5}", [1]),  # exactly
        ("platforms = {5,4}", [1]),
        ("platforms > 100", [4]),  # any element
        ("platforms = null", [6, 7]),
        ("genres = [8,31]", [2]),
    ],
)
def test_array_operators(api: ApiClient, where: str, expected: list[int]) -> None:
    assert first(api, where) == expected


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ('name = "Zelda"', [3]),
        ('name = "zelda"', []),  # = is case-sensitive
        ('name ~ "zelda"', [3]),  # ~ is not
        ('name = "Mario"*', [4]),  # prefix
        ('name ~ "mario"*', [4]),
        ('name = *"World"', []),  # suffix, case-sensitive
        ('name ~ *"world"', [2]),
        ('name = *"Mario"*', [1, 4]),  # infix
        ('name ~ *"mario"*', [1, 2, 4]),
        ('name = "Tetris 🎮"', [5]),
        ('name ~ "CAFÉ"*', [6]),
        ('name != "Zelda"', [1, 2, 4, 5, 6, 7]),
        ('summary = *"um"*', [1]),
        ('name > "A"', []),  # > < compare numbers only
    ],
)
def test_string_operators(api: ApiClient, where: str, expected: list[int]) -> None:
    assert first(api, where) == expected


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("developer = true", [1]),
        ("developer = t", [1]),
        ("developer = false", [2]),
        ("developer = f", [2]),
        ("developer = null", [3]),
        ("developer != true", [2]),
        ("developer = 1", []),  # booleans are not numbers
    ],
)
def test_booleans(api: ApiClient, where: str, expected: list[int]) -> None:
    assert ids(api, where, "involved_companies") == expected


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("id = 1 | id = 2 & rating > 90", [1]),  # & binds tighter than |
        ("(id = 1 | id = 2) & rating > 86", [1]),
        ("id = 2 & rating > 90 | id = 1", [1]),
        ("(id = 2 & rating > 90) | (id = 1 & rating > 90)", [1]),
        ("((id = 3))", [3]),
        ("(platforms = [4,5] & genres = 9) | (platforms = [4,48] & genres = 12)", [3, 5]),
        ("id > 0 & id < 4 & rating != null", [1, 2, 3]),
    ],
)
def test_logic(api: ApiClient, where: str, expected: list[int]) -> None:
    assert first(api, where) == expected


def test_sort_ties_by_id_and_absent_last(api: ApiClient) -> None:
    desc = api.ids("games", "fields id; where id < 10; sort rating desc;")
    assert desc == [3, 1, 2, 7, 5, 4, 6]
    asc = api.ids("games", "fields id; where id < 10; sort rating asc;")
    assert asc == [5, 2, 7, 1, 3, 4, 6]
    assert api.ids("games", "fields id; where id < 10; sort id desc;") == [7, 6, 5, 4, 3, 2, 1]
    by_stamp = api.ids("games", "fields id; where id < 10; sort updated_at desc;")
    assert by_stamp == [4, 6, 2, 3, 5, 1, 7]


def test_shorthands_and_statement_order(api: ApiClient) -> None:
    rows = api.rows("games", "l 2; w id > 1 & id < 10; s id desc; f name; o 1;")
    assert rows == [{"id": 6, "name": "Café Quest"}, {"id": 5, "name": "Tetris 🎮"}]
    rows = api.rows("games", "x summary, genres; f *; w id = 1;")
    assert set(rows[0]) == {"id", "name", "rating", "platforms", "first_release_date",
                            "created_at", "updated_at"}  # fmt: skip


def test_fields_and_defaults(api: ApiClient) -> None:
    # An empty body answers ids only, 10 of them.
    rows = api.rows("games", "")
    assert rows == [{"id": i} for i in (1, 2, 3, 4, 5, 6, 7, 10, 11, 12)]
    rows = api.rows("games", "fields name,rating; where id = (4,1);")
    assert rows == [{"id": 1, "name": "Super Mario Bros.", "rating": 90.5},
                    {"id": 4, "name": "Mario Kart 8"}]  # fmt: skip
    assert api.rows("games", "fields *; where id = 99;") == []


def test_limit_offset_and_x_count(api: ApiClient) -> None:
    response = api.post("games", "fields id; where id > 1; sort id asc; limit 3; offset 2;")
    assert [r["id"] for r in response.json()] == [4, 5, 6]
    assert response.headers["X-Count"] == str(len(GAMES) - 1)
    response = api.post("games", "fields id; where rating != null & id > 1; limit 1;")
    assert response.headers["X-Count"] == "4"
    assert api.post("games/count", "where rating > 80;").json() == {"count": 4}
    assert api.post("games/count", "").json() == {"count": len(GAMES)}
    assert api.post("games/count/", "where id = 99;").json() == {"count": 0}


def test_search(api: ApiClient) -> None:
    assert api.ids("games", 'fields id; search "mario";') == [1, 2, 4]
    assert api.post("games/count", 'search "MARIO"; where rating > 86;').json() == {"count": 1}


def test_comments_in_multiquery(api: ApiClient) -> None:
    body = """
    query games "first" {
        fields name; // only names
        where id = 3;
    };
    query games/count "count" { where rating > 80; };
    """
    assert api.post("multiquery", body).json() == [
        {"name": "first", "result": [{"id": 3, "name": "Zelda"}]},
        {"name": "count", "count": 4},
    ]


SYNTAX = '[{"title":"Syntax Error","status":400,"cause":'


@pytest.mark.parametrize(
    "body",
    [
        "fields name",  # no ;
        "fields name; where id = ;",
        "fields name; where id 3;",
        "fields name; where (id = 3;",
        'fields name; where name = "open;',
        "fields name; sort id sideways;",
        "fields name; limit -1;",
        "fields name; limit ten;",
        "fields name; where id = (1,2;",
        "select name;",
        "fields name; where platforms > (1,2);",
        "fields name; where rating ~ 5;",
    ],
)
def test_syntax_errors(api: ApiClient, body: str) -> None:
    response = api.post("games", body)
    assert response.status_code == 400
    assert response.text.startswith(SYNTAX)


def test_bareword_is_igdb_syntax_error(api: ApiClient) -> None:
    response = api.post("games", "fields name; where name = Diablo;")
    assert response.status_code == 400
    assert response.text == (
        '[{"title":"Syntax Error","status":400,"cause":"Expecting a STRING as input, surround '
        "your input with quotes starting at 'Diablo' expecting {'{', 'f', '(', '[', 'true', "
        "'t', 'false', 'null', 'n'\"}]"
    )


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("fields nope;", "nope"),
        ("fields name, nope;", "nope"),
        ("fields *; exclude nope;", "nope"),
        ("fields *; where nope = 1;", "nope"),
        ("fields *; where id = 1 | nope = 1;", "nope"),
        ("fields *; sort nope desc;", "nope"),
        ("fields genres.name;", "genres.name"),
    ],
)
def test_invalid_field(api: ApiClient, body: str, name: str) -> None:
    response = api.post("games", body)
    assert response.status_code == 400
    assert response.content == (
        b'[{"title":"Invalid Field","status":400,"cause":"Invalid field name: \''
        + name.encode()
        + b"'\"}]"
    )


def test_limit_above_500_is_403(api: ApiClient) -> None:
    response = api.post("games", "fields *; limit 501;")
    assert response.status_code == 403
    assert response.content == (
        b'[{"title":"Request limit to high","status":403,'
        b'"cause":"You typed in 501 as limit but your maximum is 500"}]'
    )
    assert api.post("games", "fields id; limit 500;").status_code == 200
    response = api.post("multiquery", 'query games "a" { fields id; limit 501; };')
    assert response.status_code == 403
