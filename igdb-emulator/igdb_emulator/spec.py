"""Per-endpoint specifics of the generated data: sizes, parent/child links, value rules.

Everything not listed here follows the endpoint table of ``tap_igdb.endpoints`` and the
defaults of :mod:`igdb_emulator.generator`, which are chosen by field kind.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from igdb_emulator import vocab

DATASET_TIME = 1_788_220_800
"""2026-09-01T00:00:00Z: no generated timestamp is later, so every run sees the same data."""
IGDB_START = 1_297_555_200
"""2011-02-13: created_at of the oldest records (a genre's created_at in the IGDB docs)."""
MIGRATION_START = 1_739_836_800
"""2025-02-18: start of the enum-to-table migration, which created the new lookup tables."""
DAY = 86_400
YEAR = 365 * DAY
ZERO_DATE = -62_135_683_200
"""The 0001-01-01 sentinel IGDB uses for unknown company start dates (igdb-api.md §4.4)."""

Row = dict[str, Any]


# --- sizes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scaled:
    """An endpoint whose size follows the number of games."""

    per_game: float
    source: str
    minimum: int = 30  # so that a small --scale still shows every field somewhere
    created: tuple[int, int] | None = None  # None: from IGDB_START to the dataset time


@dataclass(frozen=True)
class Lookup:
    """A fixed-size table with explicit rows (ids and values), independent of the scale."""

    rows: tuple[Row, ...]
    source: str
    created: tuple[int, int] = (IGDB_START, IGDB_START + 2 * YEAR)


@dataclass(frozen=True)
class Child:
    """An endpoint whose records belong to a parent record, allocated in contiguous id blocks.

    ``parent_field`` is the parent's ref/refs field listing the children, ``child_field`` the
    child's field naming the parent (either may be absent from IGDB's schema).
    """

    parent: str
    per_parent: float
    source: str
    parent_field: str | None = None
    child_field: str | None = None
    one: bool = False  # at most one child per parent (per_parent is then a probability)
    created: tuple[int, int] | None = None  # None: from IGDB_START to the dataset time


Size = Scaled | Lookup | Child


def _named(rows: Sequence[tuple[int, str]], key: str = "name") -> tuple[Row, ...]:
    return tuple({"id": i, key: name} for i, name in rows)


def _numbered(names: Sequence[str], key: str = "name", start: int = 1) -> tuple[Row, ...]:
    return tuple({"id": start + n, key: name} for n, name in enumerate(names))


def slugify(text: str) -> str:
    """IGDB-style slug: lower-case ASCII words joined by dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _platform_rows() -> tuple[Row, ...]:
    """The 220 platforms: well-known ones with their IGDB ids, plausible fillers elsewhere."""
    rows: list[Row] = [
        {"id": i, "name": n, "abbreviation": a, "platform_type": t}
        for i, n, a, t in vocab.PLATFORMS
    ]
    taken = {r["id"] for r in rows}
    rng = random.Random("platforms")
    free = [i for i in range(1, 520) if i not in taken]
    for pid in sorted(rng.sample(free, 220 - len(rows))):
        brand = rng.choice(vocab.PLATFORM_BRANDS)
        model = rng.choice(vocab.PLATFORM_MODELS)
        name = f"{brand} {model}" if rng.random() < 0.8 else f"{brand} {model} {pid % 9 + 2}"
        abbreviation = "".join(w[0] for w in name.split() if w[0].isalnum()).upper()
        rows.append(
            {
                "id": pid,
                "name": name,
                "abbreviation": abbreviation,
                "platform_type": rng.randint(1, 6),
            }
        )
    rows.sort(key=lambda r: r["id"])
    return tuple(rows)


def _content_description_v2_rows() -> tuple[Row, ...]:
    """Descriptors per rating organization: each organization uses a subset of the types."""
    rows: list[Row] = []
    rng = random.Random("age_rating_content_descriptions_v2")
    for org_id, org in vocab.AGE_RATING_ORGANIZATIONS:
        for type_id, kind in enumerate(vocab.CONTENT_DESCRIPTION_TYPES, start=1):
            if rng.random() < 0.75:
                rows.append(
                    {
                        "id": len(rows) + 1,
                        "description": f"{kind}" if org != "PEGI" else f"{kind} (PEGI)",
                        "organization": org_id,
                        "description_type": type_id,
                    }
                )
    return tuple(rows)


_MIGRATED = (MIGRATION_START, MIGRATION_START + 60 * DAY)
# Newer record kinds: first records created then (estimates).
_COLLECTIONS_V2 = 1_700_000_000  # 2023-11: collection types, memberships and relations
_POPSCORE_START = 1_722_470_400  # 2024-08: PopScore popularity primitives
_TTB_START = 1_727_740_800  # 2024-10: time-to-beat

# Record counts. "known" figures are IGDB's own (igdb-api.md §5, PROBE-A 2026-09-05); all
# others are estimates of IGDB's real proportions. Child tables are sized per parent record.
# At --scale 374555 the total is about 6.5 million rows.
SIZES: dict[str, Size] = {
    # -- scaled roots
    "games": Scaled(1.0, "known: 374,555 games"),
    "companies": Scaled(0.2, "estimate: ~1 company per 5 games"),
    "characters": Scaled(0.08, "estimate"),
    "collections": Scaled(0.035, "estimate"),
    "franchises": Scaled(0.008, "estimate"),
    "keywords": Scaled(0.1, "estimate"),
    "events": Scaled(0.0015, "estimate: a few hundred events"),
    "game_engines": Scaled(0.004, "estimate"),
    "age_rating_content_descriptions": Scaled(0.1, "estimate (legacy, per-rating texts)"),
    # -- children of games
    "covers": Child("games", 336_568 / 374_555, "known: 336,568 covers", "cover", "game", True),
    "screenshots": Child("games", 2.2, "estimate", "screenshots", "game"),
    "artworks": Child("games", 0.55, "estimate", "artworks", "game"),
    "websites": Child("games", 1.8, "estimate", "websites", "game"),
    "alternative_names": Child("games", 0.45, "estimate", "alternative_names", "game"),
    "external_games": Child("games", 3.0, "estimate", "external_games", "game"),
    "game_videos": Child("games", 0.6, "estimate", "videos", "game"),
    "age_ratings": Child("games", 0.45, "estimate", "age_ratings"),
    "involved_companies": Child("games", 1.5, "estimate", "involved_companies", "game"),
    "release_dates": Child("games", 2.0, "estimate", "release_dates", "game"),
    "language_supports": Child("games", 2.4, "estimate", "language_supports", "game"),
    "multiplayer_modes": Child("games", 0.08, "estimate", "multiplayer_modes", "game"),
    "game_localizations": Child("games", 0.06, "estimate", "game_localizations", "game"),
    "game_time_to_beats": Child(
        "games", 0.12, "estimate", None, "game_id", True, (_TTB_START, DATASET_TIME - DAY)
    ),
    "popularity_primitives": Child(
        "games", 1.6, "estimate", None, "game_id", False, (_POPSCORE_START, DATASET_TIME - DAY)
    ),
    "collection_memberships": Child(
        "games", 0.2, "estimate", None, "game", False, (_COLLECTIONS_V2, DATASET_TIME - DAY)
    ),
    "game_versions": Child("games", 0.02, "estimate", None, "game", True),
    # -- children of other tables
    "game_version_features": Child("game_versions", 4.0, "estimate", "features"),
    "game_version_feature_values": Child(
        "game_version_features", 1.5, "estimate", "values", "game_feature"
    ),
    "company_logos": Child("companies", 0.45, "estimate", "logo", None, True),
    "company_websites": Child("companies", 0.8, "estimate", "websites"),
    "character_mug_shots": Child("characters", 0.5, "estimate", "mug_shot", None, True),
    "collection_relations": Child(
        "collections",
        0.25,
        "estimate",
        "as_parent_relations",
        "parent_collection",
        False,
        (_COLLECTIONS_V2, DATASET_TIME - DAY),
    ),
    "event_logos": Child("events", 0.85, "estimate", "event_logo", "event", True),
    "event_networks": Child("events", 1.8, "estimate", "event_networks", "event"),
    "game_engine_logos": Child("game_engines", 0.3, "estimate", "logo", None, True),
    "platform_logos": Child("platforms", 0.95, "estimate", "platform_logo", None, True),
    "platform_versions": Child("platforms", 1.3, "estimate", "versions"),
    "platform_websites": Child("platforms", 1.0, "estimate", "websites"),
    "platform_version_companies": Child("platform_versions", 1.2, "estimate", "companies"),
    "platform_version_release_dates": Child(
        "platform_versions", 1.5, "estimate", "platform_version_release_dates", "platform_version"
    ),
    # -- fixed lookup tables
    "platforms": Lookup(_platform_rows(), "known: 220 platforms"),
    "genres": Lookup(
        tuple({"id": i, "name": n, "slug": s} for i, n, s in vocab.GENRES), "known: 23 genres"
    ),
    "themes": Lookup(
        tuple({"id": i, "name": n, "slug": s} for i, n, s in vocab.THEMES), "IGDB's themes"
    ),
    "game_modes": Lookup(
        tuple({"id": i, "name": n, "slug": s} for i, n, s in vocab.GAME_MODES), "IGDB's modes"
    ),
    "player_perspectives": Lookup(
        tuple({"id": i, "name": n, "slug": s} for i, n, s in vocab.PLAYER_PERSPECTIVES),
        "IGDB's perspectives",
    ),
    "game_types": Lookup(
        tuple({"id": i, "type": n} for i, n, _ in vocab.GAME_TYPES), "enum §4.3", _MIGRATED
    ),
    "game_statuses": Lookup(_named(vocab.GAME_STATUSES, "status"), "enum §4.3", _MIGRATED),
    "date_formats": Lookup(_named(vocab.DATE_FORMATS, "format"), "enum §4.3", _MIGRATED),
    "platform_types": Lookup(_named(vocab.PLATFORM_TYPES), "enum §4.3", _MIGRATED),
    "release_date_regions": Lookup(
        _named(vocab.RELEASE_DATE_REGIONS, "region"), "enum §4.3", _MIGRATED
    ),
    "website_types": Lookup(
        tuple({"id": i, "type": n} for i, n, _ in vocab.WEBSITE_TYPES), "enum §4.3", _MIGRATED
    ),
    "external_game_sources": Lookup(
        tuple({"id": i, "name": n} for i, n, _ in vocab.EXTERNAL_GAME_SOURCES),
        "enum §4.3",
        _MIGRATED,
    ),
    "game_release_formats": Lookup(
        _named(vocab.GAME_RELEASE_FORMATS, "format"), "enum §4.3", _MIGRATED
    ),
    "age_rating_organizations": Lookup(
        _named(vocab.AGE_RATING_ORGANIZATIONS), "enum §4.3", _MIGRATED
    ),
    "age_rating_categories": Lookup(
        tuple(
            {"id": n, "organization": org, "rating": rating}
            for n, (org, rating) in enumerate(vocab.AGE_RATING_CATEGORIES, start=1)
        ),
        "enum §4.3 (new ids)",
        _MIGRATED,
    ),
    "age_rating_content_description_types": Lookup(
        tuple(
            {"id": n, "name": name, "slug": slugify(name)}
            for n, name in enumerate(vocab.CONTENT_DESCRIPTION_TYPES, start=1)
        ),
        "estimate",
        (MIGRATION_START + 90 * DAY, MIGRATION_START + 120 * DAY),
    ),
    "age_rating_content_descriptions_v2": Lookup(
        _content_description_v2_rows(), "estimate", _MIGRATED
    ),
    "artwork_types": Lookup(
        tuple(
            {"id": n, "name": name, "slug": slugify(name)}
            for n, name in enumerate(vocab.ARTWORK_TYPES, start=1)
        ),
        "estimate",
        (MIGRATION_START + 90 * DAY, MIGRATION_START + 120 * DAY),
    ),
    "character_genders": Lookup(_named(vocab.CHARACTER_GENDERS), "enum §4.3", _MIGRATED),
    "character_species": Lookup(_named(vocab.CHARACTER_SPECIES), "enum §4.3", _MIGRATED),
    "company_statuses": Lookup(_numbered(vocab.COMPANY_STATUSES), "estimate", _MIGRATED),
    "language_support_types": Lookup(_numbered(vocab.LANGUAGE_SUPPORT_TYPES), "estimate"),
    "languages": Lookup(
        tuple(
            {"id": n, "name": name, "native_name": native, "locale": locale}
            for n, (name, native, locale) in enumerate(vocab.LANGUAGES, start=1)
        ),
        "estimate",
    ),
    "regions": Lookup(
        tuple(
            {"id": n, "name": name, "category": category, "identifier": ident}
            for n, (name, category, ident) in enumerate(vocab.REGIONS, start=1)
        ),
        "estimate",
    ),
    "release_date_statuses": Lookup(
        tuple(
            {"id": n, "name": name, "description": desc}
            for n, (name, desc) in enumerate(vocab.RELEASE_DATE_STATUSES, start=1)
        ),
        "estimate",
    ),
    "network_types": Lookup(_numbered(vocab.NETWORK_TYPES), "estimate"),
    "platform_families": Lookup(
        tuple({"id": i, "name": n, "slug": s} for i, n, s in vocab.PLATFORM_FAMILIES),
        "IGDB's families",
    ),
    "popularity_types": Lookup(
        tuple(
            {"id": i, "name": n, "external_popularity_source": src, "popularity_source": src}
            for i, n, src in vocab.POPULARITY_TYPES
        ),
        "IGDB PopScore docs",
        (MIGRATION_START - 200 * DAY, MIGRATION_START - 150 * DAY),
    ),
    "collection_types": Lookup(
        tuple(
            {"id": n, "name": name, "description": desc}
            for n, (name, desc) in enumerate(vocab.COLLECTION_TYPES, start=1)
        ),
        "estimate",
        _MIGRATED,
    ),
    "collection_membership_types": Lookup(
        tuple(
            {"id": n, "name": name, "description": desc, "allowed_collection_type": t}
            for n, (name, desc, t) in enumerate(vocab.COLLECTION_MEMBERSHIP_TYPES, start=1)
        ),
        "estimate",
        _MIGRATED,
    ),
    "collection_relation_types": Lookup(
        tuple(
            {
                "id": n,
                "name": name,
                "description": desc,
                "allowed_child_type": child,
                "allowed_parent_type": parent,
            }
            for n, (name, desc, child, parent) in enumerate(
                vocab.COLLECTION_RELATION_TYPES, start=1
            )
        ),
        "estimate",
        _MIGRATED,
    ),
}

# Sections of igdb.com pages: `url` = https://www.igdb.com/<section>/<slug>.
URL_SECTIONS: dict[str, str] = {
    "games": "games",
    "companies": "companies",
    "characters": "characters",
    "collections": "collections",
    "franchises": "franchises",
    "genres": "genres",
    "themes": "themes",
    "keywords": "categories",
    "game_modes": "game_modes",
    "player_perspectives": "player_perspectives",
    "platforms": "platforms",
    "platform_versions": "platforms",
    "game_engines": "game_engines",
    "events": "events",
}

# Naming style of endpoints whose `name` is generated (see generator.NAMERS).
NAMING: dict[str, str] = {
    "games": "title",
    "collections": "title",
    "franchises": "title",
    "alternative_names": "title",
    "game_localizations": "title",
    "external_games": "title",
    "companies": "company",
    "characters": "person",
    "keywords": "keyword",
    "events": "event",
    "game_engines": "engine",
    "platform_versions": "version",
    "game_videos": "video",
}

# Image endpoints: image_id prefix (IGDB's style: "co" + base-36 id) and typical sizes.
IMAGES: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {
    "covers": ("co", ((264, 374), (600, 800), (1200, 1600), (512, 512))),
    "screenshots": ("sc", ((1920, 1080), (1280, 720), (889, 500), (3840, 2160))),
    "artworks": ("ar", ((1920, 1080), (3840, 2160), (2560, 1440), (1280, 720))),
    "company_logos": ("cl", ((512, 512), (400, 200), (284, 160), (1024, 340))),
    "platform_logos": ("pl", ((512, 512), (800, 400), (284, 160))),
    "character_mug_shots": ("cm", ((512, 512), (300, 400), (90, 90))),
    "game_engine_logos": ("gel", ((512, 512), (600, 200))),
    "event_logos": ("el", ((1920, 1080), (800, 800))),
}


# --- value rules ---------------------------------------------------------------------------

Maker = Callable[[random.Random, Sequence[int]], Any]
"""Makes one value from a random source and the ids of the field's target endpoint."""


@dataclass(frozen=True)
class Gen:
    """How one field's values are made; None parts fall back to the kind's default."""

    make: Maker | None = None
    presence: float | None = None  # share of records that carry the field


def pick(values: Sequence[Any], weights: Sequence[float] | None = None) -> Maker:
    """One of ``values``."""
    return lambda rng, _t: rng.choices(values, weights)[0]


def ints(lo: int, hi: int) -> Maker:
    """An integer in [lo, hi]."""
    return lambda rng, _t: rng.randint(lo, hi)


def floats(lo: float, hi: float) -> Maker:
    """A double in [lo, hi] with full precision, like IGDB's ratings."""
    return lambda rng, _t: rng.uniform(lo, hi)


def times(lo: int, hi: int, skew: float = 1.0) -> Maker:
    """A unix timestamp in [lo, hi]; skew < 1 favours recent values."""
    return lambda rng, _t: lo + int((hi - lo) * rng.random() ** skew)


def bools(p_true: float) -> Maker:
    """True with probability ``p_true``."""
    return lambda rng, _t: rng.random() < p_true


def ref(weights: Mapping[int, float] | None = None) -> Maker:
    """One id of the target endpoint, optionally weighted."""
    if weights:
        keys, w = list(weights), list(weights.values())
        return lambda rng, _t: rng.choices(keys, w)[0]
    return lambda rng, targets: targets[rng.randrange(len(targets))]


def refs(lo: int, hi: int) -> Maker:
    """Between lo and hi distinct ids of the target endpoint, ascending like IGDB's arrays."""

    def make(rng: random.Random, targets: Sequence[int]) -> list[int]:
        n = min(rng.randint(lo, hi), len(targets))
        return sorted(targets[i] for i in rng.sample(range(len(targets)), n))

    return make


def sample(values: Sequence[Any], lo: int, hi: int) -> Maker:
    """Between lo and hi distinct items of ``values``."""
    return lambda rng, _t: sorted(rng.sample(list(values), rng.randint(lo, min(hi, len(values)))))


def text(sentences: tuple[int, int]) -> Maker:
    """A paragraph of ``sentences`` generated sentences."""

    def make(rng: random.Random, _t: Sequence[int]) -> str:
        return " ".join(
            f"{rng.choice(vocab.SENTENCE_START)} {rng.choice(vocab.SENTENCE_MIDDLE)} "
            f"{rng.choice(vocab.SENTENCE_END)}"
            for _ in range(rng.randint(*sentences))
        )

    return make


def phrase() -> Maker:
    """A short generic phrase."""
    return lambda rng, _t: f"{rng.choice(vocab.ADJECTIVES)} {rng.choice(vocab.NOUNS)}"


def digits(lo: int, hi: int) -> Maker:
    """A numeric string (store ids and the like)."""
    return lambda rng, _t: str(rng.randint(lo, hi))


def token(length: int) -> Maker:
    """A random YouTube-style id."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return lambda rng, _t: "".join(rng.choice(alphabet) for _ in range(length))


_SINCE_1950 = -631_152_000
_GAME_TYPE_WEIGHTS = {i: w for i, _, w in vocab.GAME_TYPES}
_STEAM_HEAVY = {i: (40.0 if i == 1 else 8.0 if i in (5, 26, 36) else 2.0) for i, *_ in
                vocab.EXTERNAL_GAME_SOURCES if i != 121}  # fmt: skip
_WEBSITE_WEIGHTS = {i: (12.0 if i in (1, 3, 13) else 3.0) for i, *_ in vocab.WEBSITE_TYPES}
_STATUS_WEIGHTS = {i: (60.0 if i == 0 else 4.0) for i, _ in vocab.GAME_STATUSES}
_PRESENT = 1.0

# Field rules, keyed "endpoint.field" or "*.field" (any endpoint).
FIELDS: dict[str, Gen] = {
    # -- any endpoint
    "*.description": Gen(text((1, 4)), 0.5),
    "*.summary": Gen(text((1, 5)), 0.75),
    "*.storyline": Gen(text((2, 6)), 0.2),
    "*.alpha_channel": Gen(bools(0.1), 0.95),
    "*.animated": Gen(bools(0.02), 0.95),
    "*.trusted": Gen(bools(0.6), 0.9),
    "*.country": Gen(pick(vocab.COUNTRY_CODES), 0.6),
    "*.time_zone": Gen(pick(vocab.TIME_ZONES), 0.9),
    # -- games
    "games.aggregated_rating": Gen(floats(20, 100), 0.12),
    "games.aggregated_rating_count": Gen(ints(1, 60), 0.12),
    "games.rating": Gen(floats(10, 100), 0.25),
    "games.rating_count": Gen(ints(1, 900), 0.25),
    "games.total_rating": Gen(floats(10, 100), 0.3),
    "games.total_rating_count": Gen(ints(1, 1000), 0.3),
    "games.bundles": Gen(refs(1, 3), 0.04),
    "games.dlcs": Gen(refs(1, 12), 0.05),
    "games.expansions": Gen(refs(1, 3), 0.02),
    "games.standalone_expansions": Gen(refs(1, 2), 0.01),
    "games.remakes": Gen(refs(1, 2), 0.01),
    "games.remasters": Gen(refs(1, 2), 0.01),
    "games.expanded_games": Gen(refs(1, 2), 0.01),
    "games.ports": Gen(refs(1, 4), 0.03),
    "games.forks": Gen(refs(1, 2), 0.005),
    "games.game_type": Gen(ref(_GAME_TYPE_WEIGHTS), _PRESENT),
    "games.game_status": Gen(ref(_STATUS_WEIGHTS), 0.5),
    "games.collections": Gen(refs(1, 2), 0.2),
    "games.first_release_date": Gen(times(_SINCE_1950, DATASET_TIME + YEAR, 0.35), 0.8),
    "games.follows": Gen(ints(1, 2000)),
    "games.franchise": Gen(None, 0.05),
    "games.franchises": Gen(refs(1, 2), 0.1),
    "games.game_engines": Gen(refs(1, 2), 0.1),
    "games.game_modes": Gen(refs(1, 3), 0.85),
    "games.genres": Gen(refs(1, 3), 0.9),
    "games.hypes": Gen(ints(1, 400), 0.1),
    "games.keywords": Gen(refs(1, 45), 0.35),
    "games.parent_game": Gen(None, 0.12),
    "games.platforms": Gen(refs(1, 6), 0.95),
    "games.player_perspectives": Gen(refs(1, 2), 0.6),
    "games.similar_games": Gen(refs(10, 10), 0.6),
    "games.themes": Gen(refs(1, 4), 0.7),
    "games.version_parent": Gen(None, 0.04),
    "games.version_title": Gen(
        pick(
            [
                "Gold Edition",
                "Deluxe Edition",
                "Complete Edition",
                "Collector's Edition",
                "Game of the Year Edition",
                "Digital Deluxe Edition",
                "Édition Spéciale",
            ]
        ),
        0.04,
    ),
    # -- companies
    "companies.change_date": Gen(times(0, DATASET_TIME), 0.05),
    "companies.change_date_format": Gen(None, 0.05),
    "companies.changed_company_id": Gen(None, 0.05),
    "companies.developed": Gen(refs(1, 40), 0.45),
    "companies.published": Gen(refs(1, 80), 0.3),
    "companies.parent": Gen(None, 0.08),
    "companies.start_date": Gen(
        lambda rng, _t: (
            ZERO_DATE if rng.random() < 0.03 else times(-2_524_608_000, DATASET_TIME)(rng, _t)
        ),
        0.5,
    ),
    "companies.start_date_format": Gen(None, 0.5),
    "companies.status": Gen(None, 0.6),
    # -- characters
    "characters.akas": Gen(
        lambda rng, _t: [
            f"{rng.choice(vocab.ADJECTIVES)} {rng.choice(vocab.LAST_NAMES)}"
            for _ in range(rng.randint(1, 3))
        ],
        0.2,
    ),
    "characters.character_gender": Gen(None, 0.7),
    "characters.character_species": Gen(None, 0.6),
    "characters.country_name": Gen(
        pick(["Japan", "United States", "France", "Hyrule", "Deutschland", "日本", "España"]), 0.2
    ),
    "characters.description": Gen(text((1, 3)), 0.4),
    "characters.games": Gen(refs(1, 8), 0.95),
    # -- collections, franchises, keywords, events, engines
    "collections.games": Gen(refs(2, 25), 0.95),
    "collections.type": Gen(None, 0.9),
    "collections.as_child_relations": Gen(refs(1, 2), 0.1),
    "collection_memberships.collection": Gen(None, _PRESENT),
    "collection_memberships.type": Gen(None, 0.95),
    "collection_relations.child_collection": Gen(None, _PRESENT),
    "collection_relations.type": Gen(None, 0.95),
    "franchises.games": Gen(refs(2, 50), 0.95),
    "events.description": Gen(text((1, 3)), 0.8),
    "events.start_time": Gen(times(1_420_070_400, DATASET_TIME, 0.7), _PRESENT),
    "events.games": Gen(refs(1, 30), 0.7),
    "events.live_stream_url": Gen(
        lambda rng, _t: f"https://www.youtube.com/watch?v={token(11)(rng, _t)}", 0.5
    ),
    "events.videos": Gen(refs(1, 5), 0.4),
    "event_networks.network_type": Gen(None, _PRESENT),
    "game_engines.companies": Gen(refs(1, 5), 0.6),
    "game_engines.platforms": Gen(refs(1, 10), 0.6),
    # -- children of games
    "alternative_names.comment": Gen(pick(vocab.ALT_NAME_COMMENTS), 0.85),
    "artworks.artwork_type": Gen(None, 0.6),
    "covers.game_localization": Gen(None, 0.02),
    "external_games.countries": Gen(sample(vocab.COUNTRY_CODES, 1, 5), 0.2),
    "external_games.external_game_source": Gen(ref(_STEAM_HEAVY), _PRESENT),
    "external_games.game_release_format": Gen(None, 0.6),
    "external_games.platform": Gen(None, 0.6),
    "external_games.uid": Gen(digits(10_000, 3_999_999), _PRESENT),
    "external_games.year": Gen(ints(1980, 2026), 0.5),
    "game_localizations.cover": Gen(None, 0.5),
    "game_localizations.region": Gen(None, _PRESENT),
    "game_time_to_beats.count": Gen(ints(1, 800), _PRESENT),
    "game_versions.games": Gen(refs(2, 6), 0.95),
    "game_version_features.category": Gen(ints(0, 1), _PRESENT),
    "game_version_features.position": Gen(ints(1, 20), _PRESENT),
    "game_version_features.title": Gen(
        pick(
            [
                "Soundtrack",
                "Artbook",
                "Season Pass",
                "Bonus Missions",
                "Exclusive Skin",
                "Steelbook",
                "Early Access",
                "Digital Comic",
                "Figurine",
            ]
        ),
        _PRESENT,
    ),
    "game_version_feature_values.game": Gen(None, _PRESENT),
    "game_version_feature_values.included_feature": Gen(ints(0, 2), 0.8),
    "game_version_feature_values.note": Gen(phrase(), 0.2),
    "game_videos.video_id": Gen(token(11), _PRESENT),
    "involved_companies.company": Gen(None, _PRESENT),
    "involved_companies.developer": Gen(bools(0.55), _PRESENT),
    "involved_companies.porting": Gen(bools(0.05), _PRESENT),
    "involved_companies.publisher": Gen(bools(0.5), _PRESENT),
    "involved_companies.supporting": Gen(bools(0.1), _PRESENT),
    "language_supports.language": Gen(None, _PRESENT),
    "language_supports.language_support_type": Gen(None, _PRESENT),
    "multiplayer_modes.offlinecoopmax": Gen(ints(2, 4), 0.6),
    "multiplayer_modes.offlinemax": Gen(ints(2, 8), 0.6),
    "multiplayer_modes.onlinecoopmax": Gen(ints(2, 8), 0.6),
    "multiplayer_modes.onlinemax": Gen(ints(2, 64), 0.6),
    "multiplayer_modes.platform": Gen(None, 0.7),
    "popularity_primitives.calculated_at": Gen(
        times(DATASET_TIME - 3 * DAY, DATASET_TIME), _PRESENT
    ),
    "popularity_primitives.popularity_type": Gen(None, _PRESENT),
    "popularity_primitives.value": Gen(lambda rng, _t: round(rng.random() ** 3, 15), _PRESENT),
    "release_dates.date": Gen(times(_SINCE_1950, DATASET_TIME + YEAR, 0.35), 0.9),
    "release_dates.date_format": Gen(ref({0: 80, 1: 5, 2: 8, 3: 1, 4: 1, 5: 1, 6: 1, 7: 3}), 0.95),
    "release_dates.platform": Gen(None, 0.95),
    "release_dates.release_region": Gen(ref({1: 20, 2: 20, 5: 10, 8: 40, 3: 2, 9: 2}), 0.95),
    "release_dates.status": Gen(None, 0.15),
    "websites.type": Gen(ref(_WEBSITE_WEIGHTS), _PRESENT),
    "company_websites.type": Gen(ref(_WEBSITE_WEIGHTS), _PRESENT),
    "platform_websites.type": Gen(ref(_WEBSITE_WEIGHTS), _PRESENT),
    "platform_websites.category": Gen(ints(1, 20)),
    "age_ratings.organization": Gen(None, _PRESENT),
    "age_ratings.rating_content_descriptions": Gen(refs(1, 4), 0.5),
    "age_ratings.content_descriptions": Gen(refs(1, 3)),
    "age_ratings.synopsis": Gen(text((1, 2)), 0.1),
    "age_ratings.rating": Gen(ints(1, 39)),
    "age_rating_content_descriptions.category": Gen(ints(1, 85), 0.5),
    "age_rating_content_descriptions.description": Gen(
        pick(
            [
                "Blood and Gore",
                "Mild Language",
                "Fantasy Violence",
                "Use of Alcohol",
                "Suggestive Themes",
                "Simulated Gambling",
                "In-Game Purchases",
            ]
        ),
        0.9,
    ),
    # -- platforms and their children
    "platforms.alternative_name": Gen(phrase(), 0.3),
    "platforms.generation": Gen(ints(1, 9), 0.5),
    "platforms.platform_family": Gen(None, 0.3),
    "platforms.summary": Gen(text((1, 3)), 0.6),
    "platform_versions.main_manufacturer": Gen(None, 0.6),
    "platform_versions.platform_logo": Gen(None, 0.5),
    "platform_versions.summary": Gen(text((1, 3)), 0.5),
    "platform_version_companies.comment": Gen(phrase(), 0.2),
    "platform_version_companies.company": Gen(None, _PRESENT),
    "platform_version_companies.developer": Gen(bools(0.5), 0.9),
    "platform_version_companies.manufacturer": Gen(bools(0.5), 0.9),
    "platform_version_release_dates.date": Gen(times(0, DATASET_TIME), 0.9),
    "platform_version_release_dates.date_format": Gen(ref({0: 85, 1: 5, 2: 10}), 0.95),
    "platform_version_release_dates.release_region": Gen(ref({1: 30, 2: 30, 5: 30, 8: 10}), 0.9),
    "network_types.event_networks": Gen(refs(1, 10), 0.5),
}
for _field, _values in vocab.HARDWARE.items():
    FIELDS[f"platform_versions.{_field}"] = Gen(pick(_values), 0.5)

# Fields whose value is computed from others of the same record (generator.DERIVED);
# they are left out of the random pools.
DERIVED: dict[str, tuple[str, ...]] = {
    "games": ("tags",),
    "release_dates": ("human", "m", "y"),
    "platform_version_release_dates": ("human", "m", "y"),
    "external_games": ("url",),
    "websites": ("url",),
    "company_websites": ("url",),
    "platform_websites": ("url",),
    "event_networks": ("url",),
    "age_ratings": ("rating_category", "rating_cover_url"),
    "events": ("end_time",),
    "game_time_to_beats": ("completely", "hastily", "normally"),
    "popularity_primitives": ("external_popularity_source",),
    "game_versions": ("url",),
}

# Deprecated fields that repeat the value of their replacement ("Only the field names are
# changing, not the values they contain", igdb-api.md §4.3): present in a few old records
# only, and then equal to the replacement (its first item for a list).
TWINS: dict[str, dict[str, str]] = {
    "games": {"category": "game_type", "status": "game_status", "collection": "collections"},
    "release_dates": {"category": "date_format", "region": "release_region"},
    "platform_version_release_dates": {"category": "date_format", "region": "release_region"},
    "external_games": {"category": "external_game_source", "media": "game_release_format"},
    "websites": {"category": "type"},
    "company_websites": {"category": "type"},
    "age_ratings": {"category": "organization"},
    "companies": {
        "start_date_category": "start_date_format",
        "change_date_category": "change_date_format",
    },
    "popularity_primitives": {"popularity_source": "external_popularity_source"},
    "characters": {"gender": "character_gender", "species": "character_species"},
    "platforms": {"category": "platform_type"},
}
TWIN_SHARE = 0.03  # share of records with the deprecated twin
