"""Reconciliation: the warehouse against what the emulator holds now.

Two levels, after every scenario:

- staging: for every endpoint, the live rows of `stg_igdb__<endpoint>` (`not is_deleted`)
  are exactly the emulator's records: same ids, each once, each with the emulator's current
  checksum (IGDB's checksum changes with every change of the record);
- marts: every mart has exactly the ids of its stream in the emulator, each once, with the
  emulator's current values in a few columns (names, `updated_at`, urls).

`lost` counts records of the emulator that are missing or stale (an older version) in a
relation, `duplicated` surplus rows of an id, `extra` rows of records the emulator does not
hold (deleted there, still live here).
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
from pipeline_stack import ROOT
from tap_igdb.endpoints import ENDPOINTS

sys.path.insert(0, str(ROOT / "transform" / "scripts"))

import generate

Records = dict[str, dict[int, dict[str, Any]]]  # endpoint -> id -> record


@dataclass(frozen=True)
class MartCheck:
    """Which stream a mart holds one row per record of, and columns to compare."""

    stream: str
    key: str
    columns: dict[str, str]  # mart column -> emulator field ("updated_at" as unix seconds)


MART_CHECKS = {
    "dim_games": MartCheck("games", "game_id", {"name": "name", "updated_at": "updated_at"}),
    "dim_platforms": MartCheck(
        "platforms", "platform_id", {"name": "name", "updated_at": "updated_at"}
    ),
    "dim_companies": MartCheck(
        "companies", "company_id", {"name": "name", "updated_at": "updated_at"}
    ),
    "dim_franchises": MartCheck(
        "franchises", "franchise_id", {"name": "name", "updated_at": "updated_at"}
    ),
    "dim_collections": MartCheck(
        "collections", "collection_id", {"name": "name", "updated_at": "updated_at"}
    ),
    "dim_characters": MartCheck(
        "characters", "character_id", {"name": "name", "updated_at": "updated_at"}
    ),
    "dim_events": MartCheck("events", "event_id", {"name": "name", "updated_at": "updated_at"}),
    "dim_game_engines": MartCheck(
        "game_engines", "game_engine_id", {"name": "name", "updated_at": "updated_at"}
    ),
    "fct_release_dates": MartCheck(
        "release_dates", "release_date_id", {"updated_at": "updated_at"}
    ),
    "fct_involved_companies": MartCheck(
        "involved_companies", "involved_company_id", {"updated_at": "updated_at"}
    ),
    "fct_external_games": MartCheck(
        "external_games", "external_game_id", {"updated_at": "updated_at", "uid": "uid"}
    ),
    "fct_game_websites": MartCheck("websites", "website_id", {"url": "url"}),
    "fct_popularity_primitives": MartCheck(
        "popularity_primitives",
        "popularity_primitive_id",
        {"updated_at": "updated_at", "value": "value"},
    ),
    "fct_age_ratings": MartCheck("age_ratings", "age_rating_id", {"synopsis": "synopsis"}),
    "fct_language_supports": MartCheck(
        "language_supports", "language_support_id", {"updated_at": "updated_at"}
    ),
}


@dataclass
class Finding:
    """What one relation gets wrong."""

    relation: str
    missing: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    duplicated: int = 0
    extra: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.missing or self.stale or self.duplicated or self.extra)

    def describe(self) -> str:
        parts = []
        for name in ("missing", "stale", "extra"):
            ids: list[int] = getattr(self, name)
            if ids:
                parts.append(f"{len(ids)} {name} {sorted(ids)[:10]}")
        if self.duplicated:
            parts.append(f"{self.duplicated} duplicated")
        return f"{self.relation}: " + ", ".join(parts)


@dataclass
class Reconciliation:
    """The warehouse compared with the emulator."""

    relations: int
    records: int
    findings: list[Finding]

    @property
    def lost(self) -> int:
        """Records missing or stale, summed over relations."""
        return sum(len(f.missing) + len(f.stale) for f in self.findings)

    @property
    def duplicated(self) -> int:
        """Extra rows of one id, summed over relations."""
        return sum(f.duplicated for f in self.findings)

    @property
    def extra(self) -> int:
        """Rows of records the emulator no longer holds, summed over relations."""
        return sum(len(f.extra) for f in self.findings)

    @property
    def ok(self) -> bool:
        """Nothing lost, nothing duplicated, nothing extra."""
        return not self.findings

    def describe(self) -> str:
        """Every finding, one per line."""
        if self.ok:
            return f"{self.relations} relations reconcile with {self.records} records"
        return "\n".join(f.describe() for f in self.findings)


def emulator_records(admin: Any) -> Records:
    """Every current record of every endpoint, by id."""
    return {
        endpoint.name: {record["id"]: record for record in admin.records(endpoint.name)}
        for endpoint in ENDPOINTS
    }


def reconcile(warehouse: Path, expected: Records) -> Reconciliation:
    """Compare the warehouse's staging tables and marts with `expected`."""
    findings: list[Finding] = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = {
            f"{schema}.{name}"
            for schema, name in con.execute(
                "select schema_name, table_name from duckdb_tables()"
            ).fetchall()
        }
        for endpoint in ENDPOINTS:
            relation = f"staging.{generate.model_name(endpoint.name)}"
            rows: list[tuple[Any, ...]] = []
            if relation in tables:
                key = generate.key_name(endpoint.name)
                schema, name = relation.split(".")
                has_flag = con.execute(
                    "select count(*) from duckdb_columns()"
                    " where schema_name = ? and table_name = ? and column_name = 'is_deleted'",
                    [schema, name],
                ).fetchone()
                flag = "is_deleted" if has_flag and has_flag[0] else "false"
                rows = con.execute(
                    f"select {key}, lower(checksum::varchar), {flag} from {relation}"
                ).fetchall()
            found = _staging_finding(relation, rows, expected[endpoint.name])
            if found:
                findings.append(found)
        for mart, check in MART_CHECKS.items():
            relation = f"marts.{mart}"
            columns = list(check.columns)
            mart_rows: list[tuple[Any, ...]] = []
            if relation in tables:
                selected = ", ".join(
                    f"epoch({c})::bigint" if c.endswith("_at") else c for c in columns
                )
                mart_rows = con.execute(
                    f"select {check.key}, {selected} from {relation}"
                ).fetchall()
            found = _mart_finding(relation, mart_rows, expected[check.stream], check)
            if found:
                findings.append(found)
    return Reconciliation(
        relations=len(ENDPOINTS) + len(MART_CHECKS),
        records=sum(len(records) for records in expected.values()),
        findings=findings,
    )


def behind_in_lake(
    lake: dict[str, list[dict[str, Any]]], expected: Records
) -> set[tuple[str, int]]:
    """(endpoint, id) of the records whose current version no lake object holds yet."""
    written = {(name, r.get("id"), r.get("checksum")) for name, rows in lake.items() for r in rows}
    return {
        (name, id_)
        for name, records in expected.items()
        for id_, record in records.items()
        if (name, id_, record.get("checksum")) not in written
    }


def _staging_finding(
    relation: str, rows: list[tuple[Any, ...]], expected: dict[int, dict[str, Any]]
) -> Finding:
    finding = Finding(relation)
    counts = Counter(row[0] for row in rows)
    finding.duplicated = sum(n - 1 for n in counts.values())
    live = {key: checksum for key, checksum, deleted in rows if not deleted}
    finding.missing = sorted(set(expected) - set(live))
    finding.extra = sorted(set(live) - set(expected))
    finding.stale = sorted(
        key
        for key in set(expected) & set(live)
        if str(expected[key].get("checksum", "")).lower() != live[key]
    )
    return finding


def _mart_finding(
    relation: str,
    rows: list[tuple[Any, ...]],
    expected: dict[int, dict[str, Any]],
    check: MartCheck,
) -> Finding:
    finding = Finding(relation)
    counts = Counter(row[0] for row in rows)
    finding.duplicated = sum(n - 1 for n in counts.values())
    values = {row[0]: row[1:] for row in rows}
    finding.missing = sorted(set(expected) - set(values))
    finding.extra = sorted(set(values) - set(expected))
    fields = list(check.columns.values())
    finding.stale = sorted(
        key
        for key in set(expected) & set(values)
        if tuple(_comparable(expected[key].get(f)) for f in fields)
        != tuple(_comparable(v) for v in values[key])
    )
    return finding


def _comparable(value: Any) -> Any:
    # IGDB's numbers are JSON numbers: 4 and 4.0 are the same value.
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else value
