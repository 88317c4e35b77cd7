"""Reading and comparing DuckDB warehouses that dbt built (read-only, in SQL)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

LAYERS = ("staging", "bridges", "marts")


def connect(*warehouses: Path) -> duckdb.DuckDBPyConnection:
    """A connection with each warehouse attached read-only under its file stem.

    dbt-duckdb's views name their catalog (the file stem), so the stem must stay the alias.
    """
    con = duckdb.connect()
    for path in warehouses:
        con.execute(f"attach '{path}' as \"{path.stem}\" (read_only)")
    return con


def relations(
    con: duckdb.DuckDBPyConnection, catalog: str, layers: Sequence[str] = LAYERS
) -> list[str]:
    """``schema.name`` of every table and view dbt built (in ``layers``), sorted."""
    rows = con.execute(
        "select table_schema || '.' || table_name from information_schema.tables"
        " where table_catalog = ? and table_schema in ? order by 1",
        [catalog, list(layers)],
    ).fetchall()
    return [name for (name,) in rows]


def row_count(con: duckdb.DuckDBPyConnection, catalog: str, relation: str) -> int:
    (count,) = con.execute(f'select count(*) from "{catalog}".{relation}').fetchone() or (0,)
    return int(count)


def differences(a: Path, b: Path, layers: Sequence[str] = LAYERS) -> dict[str, str]:
    """Relations of ``a`` and ``b`` whose columns or rows differ (rows compared as bags)."""
    con = connect(a, b)
    found: dict[str, str] = {}
    names_a, names_b = relations(con, a.stem, layers), relations(con, b.stem, layers)
    for name in sorted(set(names_a) ^ set(names_b)):
        found[name] = "only in one warehouse"
    for name in sorted(set(names_a) & set(names_b)):
        schema, table = name.split(".")
        columns = [
            con.execute(
                "select column_name, data_type from information_schema.columns"
                " where table_catalog = ? and table_schema = ? and table_name = ?"
                " order by ordinal_position",
                [catalog, schema, table],
            ).fetchall()
            for catalog in (a.stem, b.stem)
        ]
        if columns[0] != columns[1]:
            found[name] = f"columns differ: {columns[0]} != {columns[1]}"
            continue
        for left, right in ((a.stem, b.stem), (b.stem, a.stem)):
            query = (
                f'select count(*) from (select * from "{left}".{name}'
                f' except all select * from "{right}".{name})'
            )
            (extra,) = con.execute(query).fetchone() or (0,)
            if extra:
                found[name] = f"{extra} rows of {left} are not in {right}"
                break
    return found
