"""The records the API serves: base data (generated or loaded) plus an overlay of mutations.

The base data never changes. Updates, creates and deletes live in a small per-table overlay
(``patched`` records and ``deleted`` ids), so a run can always drop them again.
"""

from __future__ import annotations

import hashlib
import heapq
import random
import time
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from dataclasses import dataclass, field
from itertools import compress
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson
from tap_igdb.endpoints import ENDPOINTS, Endpoint, Field

from igdb_emulator.generator import ABSENT, Generated, GenTable
from igdb_emulator.spec import DATASET_TIME

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence
    from pathlib import Path

Record = dict[str, Any]
Hit = tuple[int, int | None]  # (id, index in the base data, or None for a created record)
_CHUNK = 4096


def with_checksum(body: bytes) -> bytes:
    """Add a checksum derived from the content to the JSON object ``body``.

    The checksum is a UUID-formatted hash of the record's JSON without the checksum, so it
    changes whenever any other field does ("Hash of the object", igdb-api.md §4.4).
    """
    h = hashlib.blake2b(body, digest_size=16).hexdigest()
    checksum = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}".encode()
    if len(body) == 2:  # "{}"
        return b'{"checksum":"' + checksum + b'"}'
    return body[:-1] + b',"checksum":"' + checksum + b'"}'


def checksum_json(rec: Record) -> bytes:
    """Serialize ``rec`` with its checksum (which is also set in ``rec``)."""
    data = with_checksum(orjson.dumps(rec))
    rec["checksum"] = data[-38:-2].decode()
    return data


class JsonCache:
    """A bounded LRU of serialized base records, keyed by (endpoint, id)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._data: OrderedDict[tuple[str, int], bytes] = OrderedDict()

    def get(self, key: tuple[str, int]) -> bytes | None:
        """The cached JSON, if any (marks it recently used)."""
        value = self._data.get(key)
        if value is not None:
            self._data.move_to_end(key)
        return value

    def put(self, key: tuple[str, int], value: bytes) -> None:
        """Cache ``value``, evicting the least recently used entries beyond the budget."""
        if self.max_bytes <= 0:
            return
        self._data[key] = value
        self.size += len(value)
        while self.size > self.max_bytes:
            _, old = self._data.popitem(last=False)
            self.size -= len(old)


class StampIndex:
    """Counts of updated_at values in id ranges, in O(blocks · log) instead of O(rows).

    The per-id updated_at array is cut into blocks of ``BLOCK`` ids, each also kept sorted:
    whole blocks are counted by bisection, the partial blocks at both ends by scanning.
    """

    BLOCK = 2048

    def __init__(self, updated: Sequence[int]) -> None:
        self.updated = updated
        block = self.BLOCK
        typecode = _typecode(updated)
        self.blocks = [
            array(typecode, sorted(updated[start : start + block]))
            for start in range(0, len(updated), block)
        ]

    def count(self, i0: int, i1: int, lo: int | None, hi: int | None) -> int:
        """How many of updated[i0:i1] lie in [lo, hi] (None: unbounded)."""
        block = self.BLOCK
        first, last = -(-i0 // block), i1 // block  # whole blocks: first <= b < last
        if first >= last:
            return self._scan(i0, i1, lo, hi)
        total = self._scan(i0, first * block, lo, hi) + self._scan(last * block, i1, lo, hi)
        for sorted_block in self.blocks[first:last]:
            low = 0 if lo is None else bisect_left(sorted_block, lo)
            high = len(sorted_block) if hi is None else bisect_right(sorted_block, hi)
            total += max(0, high - low)
        return total

    def _scan(self, i0: int, i1: int, lo: int | None, hi: int | None) -> int:
        if i0 >= i1:
            return 0
        segment = self.updated[i0:i1]
        total = len(segment)
        if lo is not None:
            total -= sum(map(lo.__gt__, segment))
        if hi is not None:  # with lo <= hi no stamp fails both bounds
            total -= sum(map(hi.__lt__, segment))
        return total


def _typecode(values: Sequence[int]) -> str:
    """The array type of generated stamps (32-bit), else 64-bit (data files may hold anything)."""
    return values.typecode if isinstance(values, array) else "q"


# --- base data sources ---------------------------------------------------------------------


class Source:
    """Read access to one endpoint's base data, with ids ascending."""

    ids: Sequence[int]
    updated: Sequence[int] | None  # updated_at per id, when every record has one

    def json(self, idx: int | None, id_: int) -> bytes:
        """The record's JSON as served (index None: a new record for a created id)."""
        raise NotImplementedError

    def record(self, idx: int | None, id_: int) -> Record:
        """A fresh copy of the record as a dict."""
        return orjson.loads(self.json(idx, id_))  # type: ignore[no-any-return]

    def reroll(self, name: str, rng: random.Random) -> Any:
        """A new value for a field, or ABSENT to fall back to a change by kind."""
        del name, rng
        return ABSENT

    def rederive(self, rec: Record) -> None:
        """Recompute fields derived from others after a change (generated data only)."""

    def mutable_fields(self, rec: Record) -> list[str]:
        """Fields an update may change."""
        return [k for k in rec if k not in ("id", "checksum", "created_at", "updated_at")]


class GeneratedSource(Source):
    """Base data computed on demand by the generator."""

    def __init__(self, table: GenTable) -> None:
        self.table = table
        self.ids = table.ids
        self.updated = table.updated
        fields = table.endpoint.fields
        self._mutable = [n for n in table.pools if not fields[n].deprecated]

    def json(self, idx: int | None, id_: int) -> bytes:
        """The generated JSON with its checksum."""
        return with_checksum(self.table.json(idx, id_))

    def reroll(self, name: str, rng: random.Random) -> Any:
        """Another value from the field's pool."""
        return self.table.reroll(name, rng)

    def rederive(self, rec: Record) -> None:
        """Recompute derived fields and deprecated twins."""
        self.table.rederive(rec)

    def mutable_fields(self, rec: Record) -> list[str]:
        """The pooled, non-deprecated fields."""
        return self._mutable or super().mutable_fields(rec)


class StaticSource(Source):
    """Base data loaded from a JSONL file (``--data DIR``)."""

    def __init__(self, records: list[Record]) -> None:
        records.sort(key=lambda r: r["id"])
        self.records = records
        self.ids = [r["id"] for r in records]
        stamps = [r.get("updated_at") for r in records]
        complete = all(isinstance(s, int) and not isinstance(s, bool) for s in stamps)
        self.updated = stamps if complete and stamps else None  # type: ignore[assignment]

    def json(self, idx: int | None, id_: int) -> bytes:
        """The record exactly as the file gives it."""
        return orjson.dumps(self.record(idx, id_))

    def record(self, idx: int | None, id_: int) -> Record:
        """A copy of the record; for a created id, a copy of a random record."""
        if idx is None:
            rng = random.Random(id_)
            base = dict(self.records[rng.randrange(len(self.records))]) if self.records else {}
            base.pop("checksum", None)
            base["id"] = id_
            return base
        return dict(self.records[idx])


class LoadError(Exception):
    """A ``--data`` file that cannot be served."""


def load_jsonl(path: Path) -> list[Record]:
    """Records of one JSONL file; every line must be a JSON object with an integer id."""
    records: list[Record] = []
    with path.open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                rec = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                msg = f"{path}: line {number}: not valid JSON ({exc})"
                raise LoadError(msg) from exc
            if not isinstance(rec, dict):
                msg = f"{path}: line {number}: not a JSON object"
                raise LoadError(msg)
            if not isinstance(rec.get("id"), int) or isinstance(rec.get("id"), bool):
                msg = f'{path}: line {number}: no integer "id"'
                raise LoadError(msg)
            # IGDB never sends null: absent keys only.
            records.append({k: v for k, v in rec.items() if v is not None})
    seen: set[int] = set()
    for rec in records:
        if rec["id"] in seen:
            msg = f"{path}: duplicate id {rec['id']}"
            raise LoadError(msg)
        seen.add(rec["id"])
    return records


# --- tables with overlay -------------------------------------------------------------------


class Entry(NamedTuple):
    """A record of the overlay: its content with checksum, its JSON, and its version."""

    record: Record
    json: bytes
    version: int


class Table:
    """One endpoint as the API sees it now: base data, minus deletes, plus the overlay."""

    def __init__(
        self, endpoint: Endpoint, source: Source, cache: JsonCache, dataset: Dataset
    ) -> None:
        self.endpoint = endpoint
        self.name = endpoint.name
        self.source = source
        self.cache = cache
        self.dataset = dataset
        self.known_fields: set[str] = set(endpoint.fields)
        self.stamped = "updated_at" in endpoint.fields
        self.patched: dict[int, Entry] = {}
        self.deleted: set[int] = set()
        self.created: list[int] = []  # ids of created records still alive, ascending
        self._id_floor = source.ids[-1] if source.ids else 0  # new ids go above this
        self._stamp_index: StampIndex | None = None  # built on the first updated_at count
        self._stamp_order: tuple[array[int], array[int]] | None = None  # on first stamp sort

    @property
    def fast_stamps(self) -> bool:
        """Whether ``updated_at`` filters can use the per-id array."""
        return self.source.updated is not None

    def __len__(self) -> int:
        base_deleted = sum(1 for i in self.deleted if self._base_index(i) is not None)
        return len(self.source.ids) - base_deleted + len(self.created)

    def reset(self) -> None:
        """Drop every mutation."""
        self.patched.clear()
        self.deleted.clear()
        self.created.clear()
        self._id_floor = self.source.ids[-1] if self.source.ids else 0

    # -- access ----------------------------------------------------------------------------

    def _base_index(self, id_: int) -> int | None:
        ids = self.source.ids
        i = bisect_left(ids, id_)
        return i if i < len(ids) and ids[i] == id_ else None

    def locate(self, id_: int) -> Hit | None:
        """Where a current record lives, or None if there is none with this id."""
        if id_ in self.deleted:
            return None
        idx = self._base_index(id_)
        if idx is not None:
            return id_, idx
        if id_ in self.patched:
            return id_, None
        return None

    def json(self, hit: Hit, *, cache: bool = True) -> bytes:
        """The record's JSON (every field, with checksum)."""
        id_, idx = hit
        entry = self.patched.get(id_)
        if entry is not None:
            return entry.json
        key = (self.name, id_)
        data = self.cache.get(key)
        if data is None:
            data = self.source.json(idx, id_)
            if cache:
                self.cache.put(key, data)
        return data

    def json_many(self, hits: Iterable[Hit]) -> list[bytes]:
        """JSON of many records (the hot path of ``fields *`` pages)."""
        patched, name, source = self.patched, self.name, self.source
        get, put = self.cache.get, self.cache.put
        out: list[bytes] = []
        for id_, idx in hits:
            entry = patched.get(id_)
            if entry is not None:
                out.append(entry.json)
                continue
            key = (name, id_)
            data = get(key)
            if data is None:
                data = source.json(idx, id_)
                put(key, data)
            out.append(data)
        return out

    def record(self, hit: Hit) -> Record:
        """The record as a dict (with checksum); callers must not modify it."""
        entry = self.patched.get(hit[0])
        if entry is not None:
            return entry.record
        return orjson.loads(self.json(hit))  # type: ignore[no-any-return]

    def stamp(self, hit: Hit) -> int | None:
        """The record's updated_at."""
        id_, idx = hit
        entry = self.patched.get(id_)
        if entry is not None:
            return entry.record.get("updated_at")
        updated = self.source.updated
        if updated is not None and idx is not None:
            return updated[idx]
        return self.record(hit).get("updated_at")

    def version(self, id_: int) -> int:
        """0 for base records, +1 per update."""
        entry = self.patched.get(id_)
        return entry.version if entry else 0

    # -- scans -----------------------------------------------------------------------------

    def _bounds(self, lo: int | None, hi: int | None) -> tuple[int, int]:
        ids = self.source.ids
        i0 = 0 if lo is None else bisect_left(ids, lo)
        i1 = len(ids) if hi is None else bisect_right(ids, hi)
        return i0, max(i0, i1)

    def _overlay_hits(
        self, lo: int | None, hi: int | None, ulo: int | None, uhi: int | None
    ) -> list[Hit]:
        """Patched and created records in the id range whose (new) stamp matches."""
        hits: list[Hit] = []
        for id_, entry in self.patched.items():
            if (lo is not None and id_ < lo) or (hi is not None and id_ > hi):
                continue
            if ulo is not None or uhi is not None:
                s = entry.record.get("updated_at")
                if s is None or (ulo is not None and s < ulo) or (uhi is not None and s > uhi):
                    continue
            hits.append((id_, self._base_index(id_)))
        hits.sort()
        return hits

    def _base_hits(
        self, i0: int, i1: int, ulo: int | None, uhi: int | None, descending: bool
    ) -> Iterator[Hit]:
        ids = self.source.ids
        updated = self.source.updated if (ulo is not None or uhi is not None) else None
        skip = self.deleted | self.patched.keys()
        starts = range(i0, i1, _CHUNK)
        for start in reversed(starts) if descending else starts:
            end = min(start + _CHUNK, i1)
            indexes: Iterable[int] = range(start, end)
            if updated is not None:
                segment = updated[start:end]
                if ulo is not None:
                    indexes = compress(indexes, map(ulo.__le__, segment))
                if uhi is not None:
                    indexes = (i for i in indexes if updated[i] <= uhi)
            chunk = [(ids[i], i) for i in indexes]
            if skip:
                chunk = [h for h in chunk if h[0] not in skip]
            yield from reversed(chunk) if descending else chunk

    def scan(
        self,
        lo: int | None = None,
        hi: int | None = None,
        ulo: int | None = None,
        uhi: int | None = None,
        *,
        descending: bool = False,
    ) -> Iterator[Hit]:
        """Current records with lo <= id <= hi and ulo <= updated_at <= uhi, in id order.

        Stamp bounds need ``fast_stamps``.
        """
        i0, i1 = self._bounds(lo, hi)
        base = self._base_hits(i0, i1, ulo, uhi, descending)
        extra = self._overlay_hits(lo, hi, ulo, uhi)
        if not extra:
            return base
        if descending:
            extra.reverse()
            return heapq.merge(base, extra, reverse=True)
        return heapq.merge(base, extra)

    def count_range(self, lo: int | None, hi: int | None, ulo: int | None, uhi: int | None) -> int:
        """How many records ``scan`` would yield, mostly with C-speed array operations."""
        i0, i1 = self._bounds(lo, hi)
        updated = self.source.updated
        if (ulo is None and uhi is None) or updated is None:
            n = i1 - i0
        elif ulo is not None and uhi is not None and ulo > uhi:
            return 0
        else:
            if self._stamp_index is None:
                self._stamp_index = StampIndex(updated)
            n = self._stamp_index.count(i0, i1, ulo, uhi)
        for id_ in self.deleted | self.patched.keys():
            idx = self._base_index(id_)
            if idx is None or not i0 <= idx < i1:
                continue
            s = updated[idx] if updated is not None else None
            if (ulo is None and uhi is None) or (
                s is not None and (ulo is None or s >= ulo) and (uhi is None or s <= uhi)
            ):
                n -= 1
        return n + len(self._overlay_hits(lo, hi, ulo, uhi))

    def scan_by_stamp(
        self,
        lo: int | None = None,
        hi: int | None = None,
        ulo: int | None = None,
        uhi: int | None = None,
        *,
        descending: bool = False,
    ) -> Iterator[Hit]:
        """Like ``scan`` but ordered by (updated_at, id), or updated_at descending then id.

        Uses an index of the base records sorted by (updated_at, id), built on first use,
        so paging ``sort updated_at`` does not sort the whole table for every page.
        """
        updated = self.source.updated
        assert updated is not None
        if self._stamp_order is None:
            order = array("i", sorted(range(len(updated)), key=updated.__getitem__))
            keys = array(_typecode(updated), map(updated.__getitem__, order))
            self._stamp_order = (order, keys)
        order, keys = self._stamp_order
        k0 = 0 if ulo is None else bisect_left(keys, ulo)
        k1 = len(keys) if uhi is None else bisect_right(keys, uhi)
        ids, skip = self.source.ids, self.deleted | self.patched.keys()

        def base() -> Iterator[tuple[int, int, int]]:
            positions = range(k1 - 1, k0 - 1, -1) if descending else range(k0, k1)
            for k in positions:
                idx = order[k]
                id_ = ids[idx]
                if (lo is None or id_ >= lo) and (hi is None or id_ <= hi) and id_ not in skip:
                    yield keys[k], id_, idx

        extra = [
            (self.patched[id_].record["updated_at"], id_, idx)
            for id_, idx in self._overlay_hits(lo, hi, ulo, uhi)
        ]
        if descending:  # stamps descending, ids ascending within a stamp
            extra.sort(key=lambda e: (-e[0], e[1]))
            merged = heapq.merge(
                _ascending_ids_per_stamp(base()), extra, key=lambda e: (-e[0], e[1])
            )
        else:
            extra.sort()
            merged = heapq.merge(base(), extra)
        return ((id_, idx) for _, id_, idx in merged)

    # -- mutations -------------------------------------------------------------------------

    def _rng(self, *parts: object) -> random.Random:
        return random.Random("/".join(map(str, (self.dataset.seed, self.name, *parts))))

    def random_ids(self, count: int, rng: random.Random) -> list[int]:
        """Up to ``count`` distinct ids of current records, at random."""
        total = len(self.source.ids) + len(self.created)
        chosen: set[int] = set()
        for _ in range(count * 20):
            if len(chosen) >= count or total == 0:
                break
            n = rng.randrange(total)
            id_ = (
                self.source.ids[n]
                if n < len(self.source.ids)
                else self.created[n - len(self.source.ids)]
            )
            if id_ not in self.deleted:
                chosen.add(id_)
        return sorted(chosen)

    def update(self, id_: int, stamp: int, values: Mapping[str, Any] | None = None) -> bool:
        """Change a few fields of a record and set its updated_at (so its checksum changes).

        `values` sets these fields instead (any name, any JSON value: schema drift).
        """
        hit = self.locate(id_)
        if hit is None:
            return False
        version = self.version(id_) + 1
        rng = self._rng(id_, version)
        rec = dict(self.record(hit))
        rec.pop("checksum", None)
        if values is not None:
            rec.update(values)
            self.known_fields |= set(values)
        else:
            candidates = self.source.mutable_fields(rec)
            for name in rng.sample(candidates, min(len(candidates), rng.randint(1, 3))):
                value = self.source.reroll(name, rng)
                if value is ABSENT or value == rec.get(name):
                    value = self._change(name, rec.get(name), rng, stamp)
                if value is not ABSENT:
                    rec[name] = value
            self.source.rederive(rec)
        if self.stamped:
            rec["updated_at"] = stamp
            rec.setdefault("created_at", min(stamp, DATASET_TIME))
        self.patched[id_] = Entry(rec, checksum_json(rec), version)
        return True

    def create(self, stamp: int) -> int:
        """Add a record with a new id above every id so far, valid references and now-stamps."""
        rng = self._rng("create", self._id_floor)
        id_ = self._id_floor + 1 + (rng.random() < 0.1)
        self._id_floor = id_
        rec = self.source.record(None, id_)
        rec.pop("checksum", None)
        for name, value in list(rec.items()):
            fld = self.endpoint.fields.get(name)
            if fld is not None and fld.target and not self._targets_exist(fld, value):
                replacement = self._change(name, None, rng, stamp)
                if replacement is ABSENT:  # the target endpoint is empty
                    del rec[name]
                else:
                    rec[name] = replacement
        if self.stamped:
            rec["created_at"] = stamp
            rec["updated_at"] = stamp
        self.patched[id_] = Entry(rec, checksum_json(rec), 1)
        self.created.append(id_)
        return id_

    def delete(self, id_: int) -> bool:
        """Remove a record; its id is never used again."""
        if self.locate(id_) is None:
            return False
        self.deleted.add(id_)
        self.patched.pop(id_, None)
        if id_ in self.created:
            self.created.remove(id_)
        return True

    def _targets_exist(self, fld: Field, value: Any) -> bool:
        target = self.dataset.tables[fld.target or ""]
        values = value if isinstance(value, list) else [value]
        return all(target.locate(v) is not None for v in values)

    def _change(self, name: str, old: Any, rng: random.Random, stamp: int) -> Any:
        """A different value for any field, by its kind (data without value pools)."""
        fld = self.endpoint.fields.get(name)
        kind = fld.kind if fld else type(old).__name__
        target = self.dataset.tables.get(fld.target) if fld and fld.target else None
        if target is not None:
            picked = target.random_ids(1 if kind == "ref" else rng.randint(1, 3), rng)
            if not picked:
                return ABSENT
            if kind == "ref":
                return picked[0]
            return sorted(set(old or []) | set(picked))
        match kind:
            case "boolean" | "bool":
                return not old
            case "integer" | "int":
                return (old or 0) + rng.randint(1, 9)
            case "number" | "float":
                return rng.uniform(0, 100)
            case "timestamp":
                return (old if isinstance(old, int) else stamp) - rng.randint(1, 10_000)
            case "integers" | "strings" | "list":
                items = list(old or [])
                items.append(
                    rng.randint(1, 999) if kind == "integers" else f"Alias {rng.randint(1, 999)}"
                )
                return items
            case _:
                return f"{old or 'Untitled'} (rev {rng.randint(2, 99)})"


def _ascending_ids_per_stamp(
    entries: Iterator[tuple[int, int, int]],
) -> Iterator[tuple[int, int, int]]:
    """Re-order (stamp, id, idx) read by stamp and id descending: ids ascending per stamp."""
    group: list[tuple[int, int, int]] = []
    for entry in entries:
        if group and entry[0] != group[0][0]:
            yield from reversed(group)
            group.clear()
        group.append(entry)
    yield from reversed(group)


# --- the dataset ---------------------------------------------------------------------------


@dataclass
class MutationEvent:
    """One applied mutation, for the mutation log."""

    endpoint: str
    time: float  # unix seconds
    monotonic: float
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    deleted: list[int] = field(default_factory=list)
    source: str = "mutate"  # or "churn"

    def as_json(self) -> dict[str, Any]:
        """The event as the stats endpoint shows it."""
        return {
            "endpoint": self.endpoint,
            "time": self.time,
            "monotonic": self.monotonic,
            "source": self.source,
            "created": self.created,
            "updated": self.updated,
            "deleted": self.deleted,
        }


class Dataset:
    """Every endpoint's table."""

    def __init__(self, seed: int, cache_bytes: int) -> None:
        self.seed = seed
        self.cache = JsonCache(cache_bytes)
        self.tables: dict[str, Table] = {}
        self.log: list[MutationEvent] = []
        self.generated: Generated | None = None

    @classmethod
    def generate(cls, seed: int, scale: int, cache_bytes: int = 64 << 20) -> Dataset:
        """Generated data for (seed, scale)."""
        dataset = cls(seed, cache_bytes)
        dataset.generated = Generated(seed, scale)
        for endpoint in ENDPOINTS:
            source = GeneratedSource(dataset.generated.tables[endpoint.name])
            dataset.tables[endpoint.name] = Table(endpoint, source, dataset.cache, dataset)
        return dataset

    @classmethod
    def load(cls, directory: Path, seed: int = 0, cache_bytes: int = 0) -> Dataset:
        """Data from ``directory/<endpoint>.jsonl`` (missing files: empty endpoints)."""
        if not directory.is_dir():
            msg = f"{directory}: not a directory"
            raise LoadError(msg)
        dataset = cls(seed, cache_bytes)
        for endpoint in ENDPOINTS:
            path = directory / f"{endpoint.name}.jsonl"
            records = load_jsonl(path) if path.exists() else []
            table = Table(endpoint, StaticSource(records), dataset.cache, dataset)
            # Fields the files carry beyond the table are served and can be queried.
            table.known_fields |= {k for rec in records for k in rec}
            dataset.tables[endpoint.name] = table
        return dataset

    def add_endpoint(self, name: str, records: list[Record]) -> Table:
        """Serve a new endpoint, one IGDB added after the tap's endpoint table was written."""
        if name in self.tables or not name.isidentifier():
            msg = f"endpoint {name!r} exists or is not a valid name"
            raise LoadError(msg)
        for record in records:
            if not isinstance(record.get("id"), int) or isinstance(record.get("id"), bool):
                msg = f'every record of a new endpoint needs an integer "id": {record!r}'
                raise LoadError(msg)
        endpoint = Endpoint(name, "Added at run time.", {"id": Field("integer")})
        table = Table(endpoint, StaticSource([dict(r) for r in records]), self.cache, self)
        table.known_fields |= {key for record in records for key in record}
        self.tables[name] = table
        return table

    def counts(self) -> dict[str, int]:
        """Current number of records per endpoint."""
        return {name: len(table) for name, table in self.tables.items()}

    def reset(self) -> None:
        """Drop every mutation, endpoint added at run time, and the log."""
        known = {endpoint.name for endpoint in ENDPOINTS}
        for name in [name for name in self.tables if name not in known]:
            del self.tables[name]
        for table in self.tables.values():
            table.reset()
        self.log.clear()

    def mutate(
        self,
        endpoint: str,
        *,
        create: int = 0,
        update: int | Sequence[int] = 0,
        delete: int | Sequence[int] = 0,
        stamp: int | None = None,
        values: Mapping[str, Any] | None = None,
        source: str = "mutate",
    ) -> MutationEvent:
        """Apply creates, updates and deletes (counts pick random records) and log them.

        `values`: updates set these fields instead of changing random ones.
        """
        table = self.tables[endpoint]
        now = time.time()
        if stamp is None:  # never at or below the dataset time, so bookmarks move forward
            stamp = max(int(now), DATASET_TIME + 1)
        rng = random.Random(f"{self.seed}/{endpoint}/mutate/{len(self.log)}")
        event = MutationEvent(endpoint, now, time.monotonic(), source=source)
        delete_ids = table.random_ids(delete, rng) if isinstance(delete, int) else list(delete)
        update_ids = table.random_ids(update, rng) if isinstance(update, int) else list(update)
        doomed = set(delete_ids)
        update_ids = [i for i in update_ids if i not in doomed]
        event.updated = [i for i in update_ids if table.update(i, stamp, values)]
        event.deleted = [i for i in delete_ids if table.delete(i)]
        event.created = [table.create(stamp) for _ in range(create)]
        self.log.append(event)
        return event
