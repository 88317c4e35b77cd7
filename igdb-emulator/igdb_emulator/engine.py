"""Runs parsed queries against tables: plan, scan, filter, sort, page, project.

The planner pulls ``id`` and ``updated_at`` bounds out of the top-level ``&`` of a ``where``
so that the tap's pages (``where id > a & id <= b [& updated_at >= t]; sort id asc;``)
touch only the records of their id window; everything else is filtered record by record.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import orjson

from igdb_emulator.apicalypse import (
    And,
    Compare,
    Expr,
    Predicate,
    Query,
    ValueList,
    compile_where,
    search_predicate,
)
from igdb_emulator.dataset import Hit, Table


@dataclass
class Plan:
    """Bounds the table can apply directly, and the rest of the filter."""

    lo: int | None = None  # inclusive id bounds
    hi: int | None = None
    ids: set[int] | None = None  # id = (a, b, ...)
    ulo: int | None = None  # inclusive updated_at bounds
    uhi: int | None = None
    residual: Predicate | None = None
    empty: bool = False


def _max(a: int | None, b: int) -> int:
    return b if a is None else max(a, b)


def _min(a: int | None, b: int) -> int:
    return b if a is None else min(a, b)


def _bound(plan: Plan, field: str, op: str, value: float) -> None:
    """Narrow the plan's bounds on ``id`` or ``updated_at`` by ``op value`` (integers)."""
    lo_attr, hi_attr = ("lo", "hi") if field == "id" else ("ulo", "uhi")
    lo, hi = getattr(plan, lo_attr), getattr(plan, hi_attr)
    if op in (">", ">="):
        low = math.floor(value) + 1 if op == ">" else math.ceil(value)
        lo = _max(lo, low)
    if op in ("<", "<="):
        high = math.ceil(value) - 1 if op == "<" else math.floor(value)
        hi = _min(hi, high)
    if op == "=":
        if value != int(value):
            plan.empty = True
            return
        lo, hi = _max(lo, int(value)), _min(hi, int(value))
    setattr(plan, lo_attr, lo)
    setattr(plan, hi_attr, hi)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def make_plan(table: Table, query: Query) -> Plan:
    """Split the filter into table-level bounds and a residual predicate."""
    plan = Plan()
    where: Expr | None = query.where
    conjuncts: tuple[Expr, ...] = (
        where.items if isinstance(where, And) else (where,) if where is not None else ()
    )
    rest: list[Expr] = []
    for c in conjuncts:
        if isinstance(c, Compare) and c.op in ("=", ">", ">=", "<", "<="):
            if c.field == "id" and _number(c.value):
                _bound(plan, "id", c.op, c.value)  # type: ignore[arg-type]
                continue
            if (
                c.field == "id"
                and c.op == "="
                and isinstance(c.value, ValueList)
                and c.value.kind == "any"
                and all(isinstance(v, int) and not isinstance(v, bool) for v in c.value.values)
            ):
                wanted = {int(v) for v in c.value.values}  # type: ignore[arg-type]
                plan.ids = wanted if plan.ids is None else plan.ids & wanted
                continue
            if c.field == "updated_at" and table.fast_stamps and _number(c.value):
                _bound(plan, "updated_at", c.op, c.value)  # type: ignore[arg-type]
                continue
        rest.append(c)
    predicates = [compile_where(c) for c in rest]
    if query.search is not None:
        predicates.append(search_predicate(query.search))
    if len(predicates) == 1:
        plan.residual = predicates[0]
    elif predicates:
        plan.residual = lambda rec: all(p(rec) for p in predicates)
    if (plan.lo is not None and plan.hi is not None and plan.lo > plan.hi) or (
        plan.ulo is not None and plan.uhi is not None and plan.ulo > plan.uhi
    ):
        plan.empty = True
    return plan


def _matches(table: Table, plan: Plan, *, descending: bool = False) -> Iterator[Hit]:
    """Every matching record in id order."""
    if plan.empty:
        return
    if plan.ids is not None:
        for id_ in sorted(plan.ids, reverse=descending):
            if (plan.lo is not None and id_ < plan.lo) or (plan.hi is not None and id_ > plan.hi):
                continue
            hit = table.locate(id_)
            if hit is None:
                continue
            if plan.ulo is not None or plan.uhi is not None:
                stamp = table.stamp(hit)
                if stamp is None or not _within(stamp, plan.ulo, plan.uhi):
                    continue
            if plan.residual is None or plan.residual(table.record(hit)):
                yield hit
        return
    hits = table.scan(plan.lo, plan.hi, plan.ulo, plan.uhi, descending=descending)
    if plan.residual is None:
        yield from hits
        return
    residual = plan.residual
    for hit in hits:
        if residual(table.record(hit)):
            yield hit


def _within(value: int, lo: int | None, hi: int | None) -> bool:
    return (lo is None or value >= lo) and (hi is None or value <= hi)


def count(table: Table, query: Query) -> int:
    """Number of records matching the query's ``where``/``search`` (X-Count, /count)."""
    query.check_fields(table.known_fields)
    plan = make_plan(table, query)
    if plan.empty:
        return 0
    if plan.residual is None and plan.ids is None:
        return table.count_range(plan.lo, plan.hi, plan.ulo, plan.uhi)
    return sum(1 for _ in _matches(table, plan))


def _wide(table: Table, plan: Plan) -> bool:
    """Whether the id range holds more records than a few pages (then use the stamp index)."""
    ids = table.source.ids
    i0 = 0 if plan.lo is None else bisect_left(ids, plan.lo)
    i1 = len(ids) if plan.hi is None else bisect_right(ids, plan.hi)
    return i1 - i0 > 5_000


def _sort_key(value: Any) -> tuple[int, Any]:
    if isinstance(value, bool):
        return (0, int(value))
    if isinstance(value, int | float):
        return (0, value)
    if isinstance(value, str):
        return (1, value)
    return (2, repr(value))


def select(table: Table, query: Query) -> tuple[int, list[Hit]]:
    """(number of matches, the page of matches) for a query."""
    query.check_fields(table.known_fields)
    plan = make_plan(table, query)
    start, stop = query.offset, query.offset + query.limit
    sort_field, descending = query.sort or ("id", False)
    if sort_field == "id":
        fast = plan.residual is None and plan.ids is None and not plan.empty
        page: list[Hit] = []
        seen = 0
        if not (fast and query.limit == 0):
            for hit in _matches(table, plan, descending=descending):
                if start <= seen < stop:
                    page.append(hit)
                seen += 1
                if fast and seen >= stop:
                    break  # the count comes from the arrays; no need to read further
        if fast:
            return table.count_range(plan.lo, plan.hi, plan.ulo, plan.uhi), page
        return seen, page
    if (
        sort_field == "updated_at"
        and table.fast_stamps
        and plan.residual is None
        and plan.ids is None
        and not plan.empty
        and _wide(table, plan)
    ):
        by_stamp = table.scan_by_stamp(plan.lo, plan.hi, plan.ulo, plan.uhi, descending=descending)
        page = [hit for _, hit in zip(range(stop), by_stamp, strict=False)][start:]
        return table.count_range(plan.lo, plan.hi, plan.ulo, plan.uhi), page
    # Any other order needs every match: ties by id ascending (stable sort of an id-ordered list).
    hits = list(_matches(table, plan))
    present: list[tuple[Any, Hit]] = []
    absent: list[Hit] = []
    for hit in hits:
        value = (
            table.stamp(hit) if sort_field == "updated_at" else table.record(hit).get(sort_field)
        )
        if value is None:
            absent.append(hit)
        else:
            present.append((_sort_key(value), hit))
    present.sort(key=lambda item: item[0], reverse=descending)
    ordered = [hit for _, hit in present] + absent  # records without the field come last
    return len(ordered), ordered[start:stop]


Projector = Callable[[Hit], bytes]


def projector(table: Table, query: Query) -> Projector:
    """Serializer of one record as the query's fields/exclude ask (``id`` always included)."""
    fields, exclude = query.fields, set(query.exclude)
    if not fields or fields == ("id",):  # an empty query answers ids only (igdb-api.md §2.2)
        return lambda hit: orjson.dumps({"id": hit[0]})
    star = "*" in fields
    if star and not exclude:
        return table.json
    names = [f for f in dict.fromkeys(fields) if f not in ("*", "id")]

    def project(hit: Hit) -> bytes:
        rec = table.record(hit)
        if star:
            out = {k: v for k, v in rec.items() if k == "id" or k not in exclude}
        else:
            out = {"id": hit[0]}
            for name in names:
                if name in rec and name not in exclude:
                    out[name] = rec[name]
        return orjson.dumps(out)

    return project


def run(table: Table, query: Query) -> tuple[int, bytes]:
    """(X-Count, JSON array body) of a data query."""
    total, page = select(table, query)
    if query.fields and "*" in query.fields and not query.exclude:
        rows = table.json_many(page)
    else:
        rows = list(map(projector(table, query), page))
    return total, b"[" + b",".join(rows) + b"]"
