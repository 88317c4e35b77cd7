"""Deterministic IGDB-like records, computed on demand from (seed, endpoint, id).

Nothing but a few bytes per id is stored: per endpoint a sorted array of ids, created_at and
updated_at arrays, and for each parent/child link the prefix sums of children per parent.
A record is built from 16-bit random words (a salted BLAKE2b hash of its id): structural
fields (ids of parents and children, names, images, timestamps) are computed; every other
field picks one of 1024 values pre-generated per field (a "pool"), pre-serialized as JSON
fragments, so a record's JSON is mostly a C-level join of fragments. The dict form of a
record is parsed back from that JSON, so both always agree (and so do their checksums).

Children are allocated to parents in contiguous id blocks: the children of parent number p
are children number prefix[p] to prefix[p + 1] - 1, so both directions (``games.screenshots``
and ``screenshots.game``) follow from the same prefix sums without storing a record.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import random
import struct
import time
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import add, and_, getitem, itemgetter, mul, sub
from typing import Any, Final

import orjson
from tap_igdb.endpoints import BY_NAME, ENDPOINTS, Endpoint, Field

from igdb_emulator import spec, vocab
from igdb_emulator.spec import DATASET_TIME, DAY, IGDB_START, Child, Lookup, Scaled


class _Absent:
    """Marker of a pool entry for a record that lacks the field (IGDB omits empty keys)."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Final = _Absent()
POOL_SIZE: Final = 1024
_MASK: Final = POOL_SIZE - 1
_MASKS: Final = repeat(_MASK)  # endless and stateless: shared by every map() below
STAMPS: Final = ("created_at", "updated_at")
_SALT_SIZE: Final = 16
_BLOCK: Final = 256  # ids per straight piece of the created_at curve
_WORDS32: Final = struct.Struct("<32H").unpack
_WORDS64: Final = struct.Struct("<64H").unpack
_TWIN_PERCENT: Final = round(spec.TWIN_SHARE * 100)

Record = dict[str, Any]
Words = tuple[int, ...]
# A structural field writer: (fields, index or None for a new record, id, words) -> None.
Writer = Callable[[Record, int | None, int, Words], None]
Getter = Callable[[str], Any]  # a field's value in the record being built (None if absent)
# A derived-field rule: (fields to write into, getter of the record's values, words).
Post = Callable[[Record, Getter, Words], None]


def _default_gen(field: Field) -> spec.Maker:
    """Values of a field without a rule in spec.FIELDS, by kind."""
    match field.kind:
        case "string":
            return spec.phrase()
        case "strings":
            return lambda rng, t: [spec.phrase()(rng, t) for _ in range(rng.randint(1, 3))]
        case "integer":
            return spec.ints(0, 100)
        case "integers":
            return lambda rng, _t: sorted(rng.sample(range(1, 1000), rng.randint(1, 4)))
        case "number":
            return spec.floats(0, 100)
        case "boolean":
            return spec.bools(0.5)
        case "timestamp":
            return spec.times(0, DATASET_TIME)
        case "ref":
            return spec.ref()
        case "refs":
            return spec.refs(1, 4)
    msg = f"no default values for kind {field.kind!r}"
    raise ValueError(msg)


def field_rule(endpoint: str, name: str, field: Field) -> tuple[spec.Maker, float]:
    """The value maker and presence share of one field."""
    rule = spec.FIELDS.get(f"{endpoint}.{name}") or spec.FIELDS.get(f"*.{name}") or spec.Gen()
    make = rule.make or _default_gen(field)
    # IGDB no longer fills deprecated fields; a few old records still carry them.
    default = 0.03 if field.deprecated else 0.85
    presence = rule.presence if rule.presence is not None else default
    return make, presence


# --- distributions as byte tables (C-speed generation of per-id arrays) ----------------------


def _gap_table() -> bytes:
    """Byte -> id step: about 4% of ids are missing (deleted records)."""
    steps = [1] * 245 + [2] * 7 + [3] * 3 + [7]
    return bytes(steps)


def _count_table(mean: float, one: bool) -> bytes:
    """Byte -> number of children: Bernoulli(mean) if ``one`` else geometric with ``mean``."""
    if one:
        cut = round(mean * 256)
        return bytes(1 if b < cut else 0 for b in range(256))
    q = mean / (1 + mean)
    counts = []
    for b in range(256):
        u = (b + 0.5) / 256
        counts.append(min(255, math.floor(math.log(1 - u) / math.log(q))))
    return bytes(counts)


# Share of the way from created_at to the dataset time at which a record was last updated:
# a quarter never updated, the rest skewed towards recent updates.
_UPDATE_SHARE = [0.0] * 64 + [((b - 64) / 191) ** 0.3 for b in range(64, 256)]


@dataclass
class Link:
    """A parent/child allocation: children of parent p are child indexes prefix[p]..[p+1]."""

    parent: str
    child: str
    prefix: array[int]
    parent_field: str | None
    child_field: str | None
    one: bool

    def parent_index(self, child_index: int) -> int:
        """Index of the parent a child belongs to."""
        return bisect_right(self.prefix, child_index) - 1


class GenTable:
    """One endpoint's generated data: ids, timestamps, pools and the rules that build records."""

    def __init__(self, endpoint: Endpoint, ids: array[int], salt: bytes) -> None:
        self.endpoint = endpoint
        self.name = endpoint.name
        self.ids = ids
        self.created: array[int] | None = None
        self.updated: array[int] | None = None
        self.salt = salt
        self.pools: dict[str, list[Any]] = {}  # field -> POOL_SIZE values (or ABSENT)
        self.present: dict[str, Any] = {}  # one present value per pool (forced presence)
        self.force: list[str] = []
        self.writers: list[Writer] = []
        self.post: Post | None = None
        self.twins: list[tuple[str, str, int]] = []  # (deprecated field, source, word index)
        self.n_words = 0
        # Pool look-ups run in C: pick the pooled fields' words, mask them to pool
        # indexes, fetch the pre-serialized '"field":value' fragments and join them.
        self._fragments: list[list[bytes]] = []
        self._position: dict[str, int] = {}
        self._pick: Callable[[Words], Sequence[int]] = lambda _w: ()

    def set_pools(self, pools: dict[str, tuple[list[Any], int]]) -> None:
        """Install the value pools, each with the index of the random word that picks it."""
        self.pools = {name: values for name, (values, _) in pools.items()}
        self._position = {name: n for n, name in enumerate(pools)}
        self._fragments = [
            [b"" if v is ABSENT else orjson.dumps({name: v})[1:-1] for v in values]
            for name, (values, _) in pools.items()
        ]
        indexes = [wi for _, wi in pools.values()]
        if len(indexes) > 1:
            self._pick = itemgetter(*indexes)
        elif indexes:
            only = indexes[0]
            self._pick = lambda words: (words[only],)

    def __len__(self) -> int:
        return len(self.ids)

    def words(self, id_: int) -> Words:
        """The record's 16-bit random words: a salted hash of the id, so fixed per seed."""
        data = id_.to_bytes(8, "little", signed=True)
        digest = hashlib.blake2b(data, digest_size=64, salt=self.salt).digest()
        if self.n_words > 32:  # only games needs a second block
            digest += hashlib.blake2b(data, digest_size=64, salt=self.salt, person=b"2").digest()
            return _WORDS64(digest)
        return _WORDS32(digest)

    def json(self, idx: int | None, id_: int) -> bytes:
        """The record's JSON without checksum; ``idx`` None: a new record for a created id."""
        words = self.words(id_)
        picks = tuple(map(and_, self._pick(words), _MASKS))
        pooled = b",".join(filter(None, map(getitem, self._fragments, picks)))
        extra: Record = {}
        for writer in self.writers:
            writer(extra, idx, id_, words)
        forced = None
        # Each of the first records carries one optional field for sure, so that every
        # field of the schema appears somewhere even at a tiny scale.
        if idx is not None and idx < len(self.force):
            forced = self.force[idx]
            position = self._position.get(forced)
            if position is not None and self.pools[forced][picks[position]] is ABSENT:
                extra[forced] = self.present[forced]
        if self.post is not None or self.twins:
            pools, position_of = self.pools, self._position

            def get(name: str) -> Any:
                position = position_of.get(name)
                if position is None or name in extra:  # structural, derived or forced
                    return id_ if name == "id" else extra.get(name)
                value = pools[name][picks[position]]
                return None if value is ABSENT else value

            if self.post is not None:
                self.post(extra, get, words)
            self.add_twins(extra, get, words, forced)
        parts = [b'{"id":' + str(id_).encode()]
        if pooled:
            parts.append(pooled)
        if extra:
            parts.append(orjson.dumps(extra)[1:-1])
        return b",".join(parts) + b"}"

    def add_twins(
        self, extra: Record, get: Getter, words: Words, forced: str | None = None
    ) -> None:
        """Deprecated twins: in a few records, a copy of their replacement's value."""
        for twin, source, k in self.twins:
            if words[k] % 100 >= _TWIN_PERCENT and twin != forced:
                continue
            value = get(source)
            if value is None and twin == forced:
                value = self.present.get(source)
            if isinstance(value, list):
                value = value[0] if value else None
            if value is not None:
                extra[twin] = value

    def rederive(self, rec: Record) -> None:
        """Recompute derived fields of a whole record after some fields changed."""
        if self.post is not None:
            self.post(rec, rec.get, self.words(rec["id"]))
        for twin, source, _ in self.twins:
            if twin in rec:
                value = rec.get(source)
                if isinstance(value, list):
                    value = value[0] if value else None
                if value is not None:
                    rec[twin] = value

    def reroll(self, name: str, rng: random.Random) -> Any:
        """A new random value for a pooled field (for updates), or ABSENT if not pooled."""
        pool = self.pools.get(name)
        if pool is None:
            return ABSENT
        for _ in range(16):
            value = pool[rng.randrange(POOL_SIZE)]
            if value is not ABSENT:
                return value
        return self.present[name]


class Generated:
    """Every endpoint's generated data for one (seed, scale)."""

    def __init__(self, seed: int, scale: int) -> None:
        self.seed = seed
        self.scale = scale
        self.tables: dict[str, GenTable] = {}
        self.links: dict[str, Link] = {}  # by child endpoint
        started = time.monotonic()
        self._build_ids()
        for table in self.tables.values():
            self._build_stamps(table)
        for table in self.tables.values():
            self._build_plan(table)
        self.build_seconds = time.monotonic() - started

    # -- ids and links ---------------------------------------------------------------------

    def _rng(self, *parts: object) -> random.Random:
        return random.Random("/".join(map(str, (self.seed, *parts))))

    def _salt(self, name: str) -> bytes:
        return hashlib.blake2b(f"{self.seed}/{name}".encode(), digest_size=_SALT_SIZE).digest()

    def _build_ids(self) -> None:
        pending = dict(spec.SIZES)
        missing = set(BY_NAME) - set(pending)
        if missing:
            msg = f"no size rule for endpoints {sorted(missing)}"
            raise ValueError(msg)
        while pending:
            for name, size in list(pending.items()):
                if isinstance(size, Child) and size.parent in pending:
                    continue  # parents first
                del pending[name]
                self.tables[name] = GenTable(BY_NAME[name], self._ids(name, size), self._salt(name))

    def _ids(self, name: str, size: spec.Size) -> array[int]:
        if isinstance(size, Lookup):
            return array("i", (row["id"] for row in size.rows))
        if isinstance(size, Scaled):
            count = max(size.minimum, round(size.per_game * self.scale))
        else:
            parent = self.tables[size.parent]
            counts = self._rng(name, "counts").randbytes(len(parent))
            table = _count_table(size.per_parent, size.one)
            prefix = array("i", accumulate(counts.translate(table), initial=0))
            self.links[name] = Link(
                size.parent, name, prefix, size.parent_field, size.child_field, size.one
            )
            count = prefix[-1]
        steps = self._rng(name, "ids").randbytes(count).translate(_gap_table())
        return array("i", accumulate(steps))

    def _build_stamps(self, table: GenTable) -> None:
        """created_at ascending with ids; updated_at between created_at and the dataset time.

        Built with C-level iterators (ranges, map, translate) because the biggest tables
        have a million rows: per block of ids a straight line along a growth curve, plus
        a random jitter smaller than the step, so created_at stays ascending.
        """
        if "updated_at" not in table.endpoint.fields:
            return
        size = spec.SIZES[table.name]
        n = len(table)
        lo, hi = size.created or (IGDB_START, DATASET_TIME - DAY)
        rng = self._rng(table.name, "stamps")
        # IGDB grows faster than linearly: the power curve puts more records in recent years.
        knots = [lo + int((hi - lo) * (min(k, n) / n) ** 0.8) for k in range(0, n + _BLOCK, _BLOCK)]
        steps = [max(1, (b - a) // _BLOCK) for a, b in itertools.pairwise(knots)]
        base = itertools.chain.from_iterable(
            range(a, a + s * _BLOCK, s) for a, s in zip(knots, steps, strict=False)
        )
        jitter_max = min(*steps, 256) - 1  # below every step: created_at stays ascending
        jitter = bytes(b * jitter_max // 256 for b in range(256))
        created = array("i", map(add, base, rng.randbytes(n).translate(jitter)))
        del created[n:]
        table.created = created
        waits = map(sub, repeat(DATASET_TIME), created)
        shares = map(_UPDATE_SHARE.__getitem__, rng.randbytes(n))
        table.updated = array("i", map(add, created, map(int, map(mul, waits, shares))))

    # -- record plans ----------------------------------------------------------------------

    def _build_plan(self, table: GenTable) -> None:
        name = table.name
        fields = table.endpoint.fields
        size = spec.SIZES[name]
        derived = set(spec.DERIVED.get(name, ()))
        twins = spec.TWINS.get(name, {})
        handled: set[str] = {"id", "checksum", *derived, *twins}
        writers: dict[str, Writer] = {}
        words = 0

        def reserve(count: int) -> int:
            nonlocal words
            words += count
            return words - count

        if "updated_at" in fields:
            handled.update(STAMPS)
            writers["created_at"] = self._stamp_writer(table)
        if isinstance(size, Lookup):
            explicit = self._lookup_writer(table, size)
            writers["!lookup"] = explicit  # explicit values first
            handled.update(k for row in size.rows for k in row)
            handled.update(k for k in ("slug", "url") if k in fields)
        elif name in spec.NAMING:
            writers["name"] = self._name_writer(table, reserve(4))
            handled.update(k for k in ("name", "slug", "url") if k in fields)
        if name in spec.IMAGES:
            writers["image_id"] = self._image_writer(table, reserve(2))
            handled.update(("image_id", "url", "width", "height"))
        children = [
            link for link in self.links.values() if link.parent == name and link.parent_field
        ]
        if children:
            writers["~children"] = self._children_writer(children)
            handled.update(link.parent_field for link in children if link.parent_field)
        for link in self.links.values():
            if link.child == name and link.child_field:
                writers[link.child_field] = self._parent_writer(link, reserve(2))
                handled.add(link.child_field)
        post_words = reserve(4) if derived else 0
        table.twins = [(twin, source, reserve(1)) for twin, source in sorted(twins.items())]

        pooled = {
            fname: (fields[fname], reserve(1))
            for fname in sorted(fields)
            if fname not in handled and fname not in writers
        }
        if words > 64:
            msg = f"{name}: {words} random words needed, 64 available"
            raise ValueError(msg)
        table.n_words = words
        table.set_pools(
            {fname: (self._pool(table, fname, fld), wi) for fname, (fld, wi) in pooled.items()}
        )
        table.writers = [writers[k] for k in sorted(writers)]
        table.force = [fname for fname in pooled if any(v is ABSENT for v in table.pools[fname])]
        table.force.sort(key=lambda f: not fields[f].deprecated)  # rarest first
        table.force[:0] = sorted(twins)
        if derived:
            table.post = _POSTS[name](self, post_words)

    def _pool(self, table: GenTable, fname: str, field: Field) -> list[Any]:
        make, presence = field_rule(table.name, fname, field)
        targets: Sequence[int] = self.tables[field.target].ids if field.target else ()
        if field.target and not targets:
            return [ABSENT] * POOL_SIZE
        rng = self._rng(table.name, fname, "pool")
        pool = [make(rng, targets) if rng.random() < presence else ABSENT for _ in range(POOL_SIZE)]
        present = next((v for v in pool if v is not ABSENT), ABSENT)
        if present is ABSENT:
            present = pool[0] = make(rng, targets)
        table.present[fname] = present
        return pool

    # -- structural writers ----------------------------------------------------------------

    @staticmethod
    def _stamp_writer(table: GenTable) -> Writer:
        created, updated = table.created, table.updated
        assert created is not None
        assert updated is not None

        def write(rec: Record, idx: int | None, _id: int, _w: Words) -> None:
            if idx is not None:
                rec["created_at"] = created[idx]
                rec["updated_at"] = updated[idx]

        return write

    @staticmethod
    def _lookup_writer(table: GenTable, size: Lookup) -> Writer:
        fields = table.endpoint.fields
        section = spec.URL_SECTIONS.get(table.name)
        rows: list[Record] = []
        for row in size.rows:
            values = {k: v for k, v in row.items() if k != "id" and k in fields}
            if "slug" in fields and "slug" not in values and "name" in values:
                values["slug"] = spec.slugify(values["name"])
            if "url" in fields and section and "slug" in values:
                values["url"] = f"https://www.igdb.com/{section}/{values['slug']}"
            rows.append(values)

        def write(rec: Record, idx: int | None, _id: int, words: Words) -> None:
            rec.update(rows[idx if idx is not None else words[0] % len(rows)])

        return write

    def _name_writer(self, table: GenTable, k: int) -> Writer:
        namer = NAMERS[spec.NAMING[table.name]]
        fields = table.endpoint.fields
        has_slug = "slug" in fields
        section = spec.URL_SECTIONS.get(table.name) if "url" in fields else None
        prefix = f"https://www.igdb.com/{section}/"

        def write(rec: Record, _idx: int | None, _id: int, words: Words) -> None:
            name, slug = namer(words[k], words[k + 1], words[k + 2], words[k + 3])
            rec["name"] = name
            if has_slug:
                rec["slug"] = slug
            if section:
                rec["url"] = prefix + slug

        return write

    @staticmethod
    def _image_writer(table: GenTable, k: int) -> Writer:
        code, sizes = spec.IMAGES[table.name]

        def write(rec: Record, _idx: int | None, id_: int, words: Words) -> None:
            image_id = code + _base36(id_)
            width, height = sizes[words[k] % len(sizes)]
            if words[k + 1] & 3 == 0:  # a quarter of the images have other dimensions
                factor = 0.5 + (words[k + 1] >> 2) / 16384
                width, height = int(width * factor), int(height * factor)
            rec["height"] = height
            rec["image_id"] = image_id
            rec["url"] = f"//images.igdb.com/igdb/image/upload/t_thumb/{image_id}.jpg"
            rec["width"] = width

        return write

    def _children_writer(self, links: list[Link]) -> Writer:
        """One writer for every child field of a parent (games has 13 of them)."""
        specs = [
            (link.parent_field, link.prefix, self.tables[link.child].ids, link.one)
            for link in links
        ]

        def write(rec: Record, idx: int | None, _id: int, _w: Words) -> None:
            if idx is None:
                return  # a new record has no children yet
            after = idx + 1
            for field, prefix, child_ids, one in specs:
                a, b = prefix[idx], prefix[after]
                if a < b:
                    rec[field] = child_ids[a] if one else child_ids[a:b].tolist()  # type: ignore[index]

        return write

    def _parent_writer(self, link: Link, k: int) -> Writer:
        parent_ids = self.tables[link.parent].ids
        field = link.child_field
        assert field is not None
        parent_index = link.parent_index
        n = len(parent_ids)

        def write(rec: Record, idx: int | None, _id: int, words: Words) -> None:
            if idx is None:  # a new record belongs to a random existing parent
                rec[field] = parent_ids[((words[k] << 16) | words[k + 1]) % n]
            else:
                rec[field] = parent_ids[parent_index(idx)]

        return write


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


# --- names ---------------------------------------------------------------------------------

Namer = Callable[[int, int, int, int], tuple[str, str]]


def _pairs(words: Sequence[str]) -> list[tuple[str, str]]:
    return [(w, spec.slugify(w)) for w in words]


_ADJ, _NOUN, _SUB = _pairs(vocab.ADJECTIVES), _pairs(vocab.NOUNS), _pairs(vocab.SUBTITLES)
_FIRST, _LAST = _pairs(vocab.FIRST_NAMES), _pairs(vocab.LAST_NAMES)
_CPRE, _CSUF = _pairs(vocab.COMPANY_PREFIXES), _pairs(vocab.COMPANY_SUFFIXES)
_KW, _EVENT = _pairs(vocab.KEYWORD_WORDS), _pairs(vocab.EVENT_NAMES)
_ROMAN = ["II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _title(a: int, b: int, c: int, d: int) -> tuple[str, str]:
    if a % 25 == 0:  # 4% non-ASCII titles: CJK, accents, emoji
        return vocab.UNICODE_TITLES[b % len(vocab.UNICODE_TITLES)]
    adj, adj_slug = _ADJ[b % len(_ADJ)]
    noun, noun_slug = _NOUN[c % len(_NOUN)]
    name, slug = f"{adj} {noun}", f"{adj_slug}-{noun_slug}"
    variant = d % 10
    if variant in (1, 2):
        n = d // 10 % 7 + 2
        return f"{name} {n}", f"{slug}-{n}"
    if variant == 3:
        roman = _ROMAN[d // 10 % len(_ROMAN)]
        return f"{name} {roman}", f"{slug}-{roman.lower()}"
    if variant in (4, 5):
        sub, sub_slug = _SUB[d // 10 % len(_SUB)]
        return f"{name}: {sub}", f"{slug}-{sub_slug}"
    if variant == 6:
        return f"The {name}", f"the-{slug}"
    if variant == 7:
        adj2, adj2_slug = _ADJ[a // 25 % len(_ADJ)]
        return f"{adj2} {name}", f"{adj2_slug}-{slug}"
    return name, slug


def _company(a: int, b: int, c: int, d: int) -> tuple[str, str]:
    if a % 4 == 0:
        last, last_slug = _LAST[b % len(_LAST)]
        suf, suf_slug = _CSUF[c % len(_CSUF)]
        return f"{last} {suf}", f"{last_slug}-{suf_slug}"
    pre, pre_slug = _CPRE[b % len(_CPRE)]
    noun, noun_slug = _NOUN[d % len(_NOUN)]
    suf, suf_slug = _CSUF[c % len(_CSUF)]
    return f"{pre} {noun} {suf}", f"{pre_slug}-{noun_slug}-{suf_slug}"


def _person(a: int, b: int, c: int, _d: int) -> tuple[str, str]:
    if a % 30 == 0:
        return vocab.CJK_CHARACTER_NAMES[b % len(vocab.CJK_CHARACTER_NAMES)]
    first, first_slug = _FIRST[b % len(_FIRST)]
    if a % 3 == 0:
        return first, first_slug
    last, last_slug = _LAST[c % len(_LAST)]
    return f"{first} {last}", f"{first_slug}-{last_slug}"


def _keyword(a: int, b: int, _c: int, _d: int) -> tuple[str, str]:
    kw, kw_slug = _KW[a % len(_KW)]
    if b % 3 == 0:
        return kw, kw_slug
    noun, noun_slug = _NOUN[b % len(_NOUN)]
    return f"{kw} {noun.lower()}", f"{kw_slug}-{noun_slug}"


def _event(a: int, b: int, _c: int, _d: int) -> tuple[str, str]:
    event, slug = _EVENT[a % len(_EVENT)]
    year = 2015 + b % 12
    return f"{event} {year}", f"{slug}-{year}"


def _engine(a: int, b: int, _c: int, _d: int) -> tuple[str, str]:
    adj, adj_slug = _ADJ[a % len(_ADJ)]
    version = b % 6 + 1
    return f"{adj} Engine {version}", f"{adj_slug}-engine-{version}"


_VERSIONS = ["Initial version", "Slim", "Pro", "Lite", "Mini", "Model 2", "Limited Edition", "OLED"]
_VIDEOS = ["Trailer", "Gameplay Trailer", "Launch Trailer", "Teaser", "Announcement Trailer",
           "Gameplay video", "Review", "Developer Diary", "Accolades Trailer"]  # fmt: skip


def _version(a: int, _b: int, _c: int, _d: int) -> tuple[str, str]:
    name = _VERSIONS[a % len(_VERSIONS)]
    return name, spec.slugify(name)


def _video(a: int, _b: int, _c: int, _d: int) -> tuple[str, str]:
    name = _VIDEOS[a % len(_VIDEOS)]
    return name, spec.slugify(name)


NAMERS: dict[str, Namer] = {
    "title": _title,
    "company": _company,
    "person": _person,
    "keyword": _keyword,
    "event": _event,
    "engine": _engine,
    "version": _version,
    "video": _video,
}


# --- derived fields (computed from other fields of the same record) -------------------------

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _games_post(gen: Generated, _k: int) -> Post:
    # Tag numbers = (type << 28) | id; types: 0 theme, 1 genre, 2 keyword, 4 perspective.
    # Pool values are shared sorted lists, so their tag lists are computed once (keyed by
    # identity); concatenated in type order they are sorted already.
    kinds = {"themes": 0, "genres": 1, "keywords": 2, "player_perspectives": 4}
    shifted: dict[int, list[int]] = {}
    pools = gen.tables["games"].pools
    for field, kind in kinds.items():
        for value in pools.get(field, ()):
            if isinstance(value, list):
                shifted[id(value)] = [(kind << 28) | v for v in value]

    def post(out: Record, get: Getter, _w: Words) -> None:
        tags: list[int] = []
        for field, kind in kinds.items():
            value = get(field)
            if value:
                cached = shifted.get(id(value))
                tags += cached if cached is not None else sorted((kind << 28) | v for v in value)
        if tags:
            out["tags"] = tags

    return post


def _release_post(_gen: Generated, _k: int) -> Post:
    def post(out: Record, get: Getter, _w: Words) -> None:
        date = get("date")
        fmt = get("date_format")
        if fmt is None:
            fmt = 0 if date is not None else 7
        if date is None or fmt == 7:
            out["human"] = "TBD"
            out.pop("y", None)
            out.pop("m", None)
            return
        t = time.gmtime(date)
        if fmt == 0:
            out["human"] = f"{_MONTHS[t.tm_mon - 1]} {t.tm_mday:02d}, {t.tm_year}"
        elif fmt == 1:
            out["human"] = f"{_MONTHS[t.tm_mon - 1]} {t.tm_year}"
        elif fmt == 2:
            out["human"] = str(t.tm_year)
        else:
            out["human"] = f"Q{fmt - 2} {t.tm_year}"
        out["y"] = t.tm_year
        if fmt in (0, 1):
            out["m"] = t.tm_mon
        else:
            out.pop("m", None)

    return post


_SOURCE_URLS = {i: url for i, _, url in vocab.EXTERNAL_GAME_SOURCES}
_WEBSITE_URLS = {i: url for i, _, url in vocab.WEBSITE_TYPES}


def _external_post(_gen: Generated, k: int) -> Post:
    def post(out: Record, get: Getter, words: Words) -> None:
        source = get("external_game_source")
        uid = get("uid")
        if source is not None and uid is not None and words[k] % 10:
            out["url"] = _SOURCE_URLS[source].format(uid=uid)

    return post


def _website_post(_gen: Generated, k: int) -> Post:
    def post(out: Record, get: Getter, words: Words) -> None:
        adj, adj_slug = _ADJ[words[k] % len(_ADJ)]
        noun, noun_slug = _NOUN[words[k + 1] % len(_NOUN)]
        out["url"] = _WEBSITE_URLS.get(get("type") or 1, _WEBSITE_URLS[1]).format(
            slug=f"{adj_slug}{noun_slug}", Name=f"{adj}_{noun}", num=words[k + 2] * 17 + 10
        )

    return post


def _network_post(_gen: Generated, k: int) -> Post:
    names = {n: name.lower() for n, name in enumerate(vocab.NETWORK_TYPES, start=1)}

    def post(out: Record, get: Getter, words: Words) -> None:
        network = names.get(get("network_type") or 10, "website")
        _, slug = _EVENT[words[k] % len(_EVENT)]
        out["url"] = f"https://www.{network}.com/{slug.replace('-', '')}"

    return post


def _age_rating_post(_gen: Generated, k: int) -> Post:
    rows = spec.SIZES["age_rating_categories"]
    assert isinstance(rows, Lookup)
    by_org: dict[int, list[tuple[int, str]]] = {}
    for row in rows.rows:
        by_org.setdefault(row["organization"], []).append((row["id"], row["rating"]))
    orgs = dict(vocab.AGE_RATING_ORGANIZATIONS)

    def post(out: Record, get: Getter, words: Words) -> None:
        org = get("organization")
        if org is None:
            return
        category = by_org[org][words[k] % len(by_org[org])]
        out["rating_category"] = category[0]
        if words[k + 1] % 10 < 7:
            name = orgs[org].lower()
            icon = category[1].lower().removeprefix(f"{name}_")
            out["rating_cover_url"] = (
                f"https://www.igdb.com/icons/rating_icons/{name}/{name}_{icon}.png"
            )

    return post


def _popularity_post(_gen: Generated, _k: int) -> Post:
    sources = {i: src for i, _, src in vocab.POPULARITY_TYPES}

    def post(out: Record, get: Getter, _w: Words) -> None:
        out["external_popularity_source"] = sources.get(get("popularity_type") or 1, 121)

    return post


def _event_post(_gen: Generated, k: int) -> Post:
    def post(out: Record, get: Getter, words: Words) -> None:
        start = get("start_time")
        if start is not None and words[k] % 10 < 8:
            out["end_time"] = start + (1 + words[k + 1] % 5) * DAY

    return post


def _time_to_beat_post(_gen: Generated, k: int) -> Post:
    def post(out: Record, _get: Getter, words: Words) -> None:
        if words[k] % 10 < 8:
            hastily = 1800 + words[k + 1] * 3
            out["hastily"] = hastily
            out["normally"] = hastily + words[k + 2] * 2
            out["completely"] = out["normally"] + words[k + 3] * 5

    return post


def _game_version_post(_gen: Generated, _k: int) -> Post:
    def post(out: Record, get: Getter, _w: Words) -> None:
        out["url"] = f"https://www.igdb.com/game_versions/{get('id')}"

    return post


_POSTS: dict[str, Callable[[Generated, int], Post]] = {
    "games": _games_post,
    "release_dates": _release_post,
    "platform_version_release_dates": _release_post,
    "external_games": _external_post,
    "websites": _website_post,
    "company_websites": _website_post,
    "platform_websites": _website_post,
    "event_networks": _network_post,
    "age_ratings": _age_rating_post,
    "popularity_primitives": _popularity_post,
    "events": _event_post,
    "game_time_to_beats": _time_to_beat_post,
    "game_versions": _game_version_post,
}

assert set(_POSTS) == set(spec.DERIVED), set(_POSTS) ^ set(spec.DERIVED)
assert {e.name for e in ENDPOINTS} == set(spec.SIZES)
