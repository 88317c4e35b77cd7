"""Apicalypse query bodies: the text IGDB reads from a POST body."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_LIMIT = 500
"""IGDB answers 403 to any `limit` above this."""

MAX_SUBQUERIES = 10
"""IGDB answers 400 to a multiquery with more sub-queries than this."""


@dataclass(frozen=True)
class Query:
    """One Apicalypse query; conditions in `where` are joined with `&`."""

    fields: str = "*"
    where: tuple[str, ...] = ()
    sort: str | None = "id asc"
    limit: int | None = None

    def __post_init__(self) -> None:
        if self.limit is not None and not 1 <= self.limit <= MAX_LIMIT:
            msg = f"limit must be between 1 and {MAX_LIMIT}, got {self.limit}"
            raise ValueError(msg)

    def body(self) -> str:
        """Render the query, e.g. `fields *; where id > 5; sort id asc; limit 500;`."""
        parts = [f"fields {self.fields};"]
        if self.where:
            parts.append(f"where {' & '.join(self.where)};")
        if self.sort:
            parts.append(f"sort {self.sort};")
        if self.limit is not None:
            parts.append(f"limit {self.limit};")
        return " ".join(parts)


def id_window(after: int, until: int | None, ids: tuple[int, ...] = ()) -> tuple[str, ...]:
    """Conditions selecting ids in the half-open range (after, until], or the given ids."""
    if ids:
        return (f"id = ({','.join(map(str, ids))})",)
    if until is None:
        return (f"id > {after}",)
    return (f"id > {after}", f"id <= {until}")


@dataclass(frozen=True)
class Named:
    """A query on an endpoint, named for its place in a `/multiquery`."""

    name: str
    endpoint: str
    query: Query


def multiquery(queries: Sequence[Named]) -> str:
    """Render a `/multiquery` body: one named block per query (endpoints may differ)."""
    if not 1 <= len(queries) <= MAX_SUBQUERIES:
        msg = f"a multiquery holds 1 to {MAX_SUBQUERIES} queries, got {len(queries)}"
        raise ValueError(msg)
    return "\n".join(f'query {q.endpoint} "{q.name}" {{ {q.query.body()} }};' for q in queries)
