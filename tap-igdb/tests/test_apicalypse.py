"""Query bodies the tap sends, rendered exactly as IGDB documents them."""

import pytest

from tap_igdb.apicalypse import Named, Query, id_window, multiquery


def test_full_page_query_is_fields_where_sort_limit() -> None:
    query = Query(where=id_window(1200, None), limit=500)
    assert query.body() == "fields *; where id > 1200; sort id asc; limit 500;"


def test_conditions_are_joined_with_and() -> None:
    query = Query(where=("updated_at >= 1700000000", *id_window(0, 5000)), limit=500)
    assert query.body() == (
        "fields *; where updated_at >= 1700000000 & id > 0 & id <= 5000; sort id asc; limit 500;"
    )


def test_max_id_query() -> None:
    query = Query(fields="id", sort="id desc", limit=1)
    assert query.body() == "fields id; sort id desc; limit 1;"


@pytest.mark.parametrize("limit", [0, 501, -1])
def test_limit_outside_igdb_bounds_is_refused(limit: int) -> None:
    with pytest.raises(ValueError, match="limit must be between 1 and 500"):
        Query(limit=limit)


def test_multiquery_names_every_block() -> None:
    body = multiquery(
        [Named("w0", "games", Query(limit=2)), Named("p1", "covers", Query(fields="id", limit=1))]
    )
    assert body == (
        'query games "w0" { fields *; sort id asc; limit 2; };\n'
        'query covers "p1" { fields id; sort id asc; limit 1; };'
    )


@pytest.mark.parametrize("count", [0, 11])
def test_multiquery_holds_one_to_ten_queries(count: int) -> None:
    with pytest.raises(ValueError, match="1 to 10 queries"):
        multiquery([Named(f"q{i}", "games", Query()) for i in range(count)])
