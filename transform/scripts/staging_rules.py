"""Hand-kept rules the generator applies on top of the endpoint table (``tap_igdb.endpoints``).

The endpoint table says what IGDB sends; these rules say how the warehouse names and checks
it: column renames (each with the reason, which goes into the model's YAML), the value sets
of enum-like columns, and the references IGDB is known not to keep consistent.

Mechanical naming (no rule needed): a table's key ``id`` becomes ``<singular>_id``; a
reference ``x`` becomes ``x_id`` and a reference list ``xs`` becomes ``x_ids``, using the
target's name when the field is a shortened form of it (``collections.type`` →
``collection_type_id``, ``games.videos`` → ``game_video_ids``); deprecated fields get the
prefix ``legacy_``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# --- singular names -------------------------------------------------------------------------

IRREGULAR_SINGULARS: dict[str, str] = {
    "age_rating_content_descriptions_v2": "age_rating_content_description_v2",
    "character_species": "character_species",
    "company_statuses": "company_status",
    "game_statuses": "game_status",
    "release_date_statuses": "release_date_status",
}


def singular(name: str) -> str:
    """``games`` → ``game``, ``companies`` → ``company`` (IGDB's plural names)."""
    if name in IRREGULAR_SINGULARS:
        return IRREGULAR_SINGULARS[name]
    if name.endswith("ies"):
        return name[:-3] + "y"
    return name.removesuffix("s")


# --- renames --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rename:
    """A column IGDB names misleadingly: its warehouse name and why."""

    name: str
    reason: str


_BOOLEAN = "a boolean (the `is_`/`has_` prefix says so)"
_RUN_TOGETHER = "IGDB runs the words together and leaves the unit out"
_THUMBNAIL = "it is the URL of the small `t_thumb` size; build others from `image_id`"
_IMAGE_ENDPOINTS = (
    "artworks",
    "character_mug_shots",
    "company_logos",
    "covers",
    "event_logos",
    "game_engine_logos",
    "platform_logos",
    "screenshots",
)

# Keyed (endpoint, field); endpoint "*" applies to every endpoint with that field.
RENAMES: dict[tuple[str, str], Rename] = {
    # booleans
    ("*", "alpha_channel"): Rename("has_alpha_channel", _BOOLEAN),
    ("*", "animated"): Rename("is_animated", _BOOLEAN),
    ("*", "trusted"): Rename("is_trusted", _BOOLEAN),
    ("*", "developer"): Rename("is_developer", f"{_BOOLEAN}, not a company reference"),
    ("*", "publisher"): Rename("is_publisher", f"{_BOOLEAN}, not a company reference"),
    ("*", "porting"): Rename("is_porting", _BOOLEAN),
    ("*", "supporting"): Rename("is_supporting", _BOOLEAN),
    ("*", "manufacturer"): Rename("is_manufacturer", f"{_BOOLEAN}, not a company reference"),
    ("multiplayer_modes", "campaigncoop"): Rename("has_campaign_coop", _BOOLEAN),
    ("multiplayer_modes", "dropin"): Rename("has_drop_in", _BOOLEAN),
    ("multiplayer_modes", "lancoop"): Rename("has_lan_coop", _BOOLEAN),
    ("multiplayer_modes", "offlinecoop"): Rename("has_offline_coop", _BOOLEAN),
    ("multiplayer_modes", "onlinecoop"): Rename("has_online_coop", _BOOLEAN),
    ("multiplayer_modes", "splitscreen"): Rename("has_split_screen", _BOOLEAN),
    ("multiplayer_modes", "splitscreenonline"): Rename("has_online_split_screen", _BOOLEAN),
    # numbers whose name hides their meaning or unit
    ("multiplayer_modes", "offlinecoopmax"): Rename("offline_coop_max_players", _RUN_TOGETHER),
    ("multiplayer_modes", "offlinemax"): Rename("offline_max_players", _RUN_TOGETHER),
    ("multiplayer_modes", "onlinecoopmax"): Rename("online_coop_max_players", _RUN_TOGETHER),
    ("multiplayer_modes", "onlinemax"): Rename("online_max_players", _RUN_TOGETHER),
    ("game_time_to_beats", "hastily"): Rename("hastily_seconds", "the unit is seconds"),
    ("game_time_to_beats", "normally"): Rename("normally_seconds", "the unit is seconds"),
    ("game_time_to_beats", "completely"): Rename("completely_seconds", "the unit is seconds"),
    ("game_time_to_beats", "count"): Rename(
        "submission_count", "it counts time-to-beat submissions; `count` is a SQL function"
    ),
    ("companies", "country"): Rename("country_code", "an ISO 3166-1 numeric code, not a name"),
    ("external_games", "countries"): Rename("country_codes", "ISO 3166-1 numeric codes, not names"),
    # dates
    ("release_dates", "date"): Rename(
        "released_at", "a timestamp, not a date; `date` is a SQL type name"
    ),
    ("release_dates", "y"): Rename("release_year", "a one-letter name"),
    ("release_dates", "m"): Rename("release_month", "a one-letter name"),
    ("release_dates", "human"): Rename("human_readable_date", "`human` does not say what it is"),
    ("platform_version_release_dates", "date"): Rename(
        "released_at", "a timestamp, not a date; `date` is a SQL type name"
    ),
    ("platform_version_release_dates", "y"): Rename("release_year", "a one-letter name"),
    ("platform_version_release_dates", "m"): Rename("release_month", "a one-letter name"),
    ("platform_version_release_dates", "human"): Rename(
        "human_readable_date", "`human` does not say what it is"
    ),
    # references whose name does not say what they point at
    ("companies", "parent"): Rename("parent_company_id", "a company id"),
    ("companies", "developed"): Rename("developed_game_ids", "game ids"),
    ("companies", "published"): Rename("published_game_ids", "game ids"),
    ("games", "franchise"): Rename(
        "main_franchise_id", "the main franchise; `franchise_ids` lists all franchises"
    ),
    ("games", "version_parent"): Rename("version_parent_game_id", "a game id"),
    ("game_versions", "games"): Rename(
        "version_game_ids", "the games that are versions of `game_id`, not the game itself"
    ),
    ("game_version_feature_values", "game_feature"): Rename(
        "game_version_feature_id", "a game version feature id"
    ),
    ("collection_relation_types", "allowed_child_type"): Rename(
        "allowed_child_collection_type_id", "a collection type id"
    ),
    ("collection_relation_types", "allowed_parent_type"): Rename(
        "allowed_parent_collection_type_id", "a collection type id"
    ),
    **{(endpoint, "url"): Rename("thumbnail_url", _THUMBNAIL) for endpoint in _IMAGE_ENDPOINTS},
}

# --- value sets -----------------------------------------------------------------------------

Severity = Literal["error", "warn"]


@dataclass(frozen=True)
class AcceptedValues:
    """The values an enum-like column may hold (nulls are always accepted)."""

    values: tuple[int | str, ...]
    reason: str
    severity: Severity = "error"


_FROZEN = "a legacy enum IGDB froze when it deprecated the field"
_DATE_FORMATS = tuple(range(8))
_REGIONS = tuple(range(1, 11))
_WEBSITE_CATEGORIES = (*range(1, 7), *range(8, 20))

# Keyed (endpoint, field) with IGDB's field name.
ACCEPTED_VALUES: dict[tuple[str, str], AcceptedValues] = {
    ("regions", "category"): AcceptedValues(("locale", "continent"), "IGDB's documented values"),
    ("game_version_features", "category"): AcceptedValues((0, 1), "0 boolean, 1 description"),
    ("game_version_feature_values", "included_feature"): AcceptedValues(
        (0, 1, 2), "0 NOT_INCLUDED, 1 INCLUDED, 2 PRE_ORDER_ONLY"
    ),
    ("games", "category"): AcceptedValues(tuple(range(15)), _FROZEN),
    ("games", "status"): AcceptedValues((0, 2, 3, 4, 5, 6, 7, 8), _FROZEN),
    ("platforms", "category"): AcceptedValues(tuple(range(1, 7)), _FROZEN),
    ("release_dates", "category"): AcceptedValues(_DATE_FORMATS, _FROZEN),
    ("release_dates", "region"): AcceptedValues(_REGIONS, _FROZEN),
    ("platform_version_release_dates", "category"): AcceptedValues(_DATE_FORMATS, _FROZEN),
    ("platform_version_release_dates", "region"): AcceptedValues(_REGIONS, _FROZEN),
    ("companies", "start_date_category"): AcceptedValues(_DATE_FORMATS, _FROZEN),
    ("companies", "change_date_category"): AcceptedValues(_DATE_FORMATS, _FROZEN),
    ("websites", "category"): AcceptedValues(_WEBSITE_CATEGORIES, _FROZEN),
    ("company_websites", "category"): AcceptedValues(_WEBSITE_CATEGORIES, _FROZEN),
    ("platform_websites", "category"): AcceptedValues(tuple(range(1, 21)), _FROZEN),
    ("external_games", "media"): AcceptedValues((1, 2), _FROZEN),
    ("characters", "gender"): AcceptedValues((0, 1, 2), _FROZEN),
    ("characters", "species"): AcceptedValues(tuple(range(1, 6)), _FROZEN),
    ("age_ratings", "category"): AcceptedValues(tuple(range(1, 8)), _FROZEN),
    ("age_ratings", "rating"): AcceptedValues(tuple(range(1, 40)), _FROZEN),
    ("age_rating_content_descriptions", "category"): AcceptedValues(tuple(range(1, 86)), _FROZEN),
}

# Lookup tables whose ids are the values of the enum they replaced (IGDB: "only the field
# names are changing, not the values"). IGDB still adds values (website type 19 `bluesky`
# came in 2025), so a new id only warns.
_LOOKUP = "the ids of the enum this table replaced; IGDB may add new ones"
LOOKUP_IDS: dict[str, AcceptedValues] = {
    "game_types": AcceptedValues(tuple(range(15)), _LOOKUP, "warn"),
    "game_statuses": AcceptedValues((0, 2, 3, 4, 5, 6, 7, 8), _LOOKUP, "warn"),
    "date_formats": AcceptedValues(_DATE_FORMATS, _LOOKUP, "warn"),
    "platform_types": AcceptedValues(tuple(range(1, 7)), _LOOKUP, "warn"),
    "release_date_regions": AcceptedValues(_REGIONS, _LOOKUP, "warn"),
    "game_release_formats": AcceptedValues((1, 2), _LOOKUP, "warn"),
}

# --- references IGDB does not keep consistent ----------------------------------------------

# (endpoint, field) → why its relationships test only warns.
DANGLING_REFERENCES: dict[tuple[str, str], str] = {
    ("game_time_to_beats", "game_id"): (
        "a plain integer in IGDB's schema, not a reference, so IGDB does not keep it"
        " consistent: time-to-beat rows outlive removed or merged games"
    ),
    ("popularity_primitives", "game_id"): (
        "a plain integer in IGDB's schema, not a reference: PopScore is computed daily for"
        " game ids that include removed or merged games"
    ),
    ("games", "collection"): (
        "deprecated: IGDB stopped maintaining it when collections became `collections`"
    ),
    ("age_ratings", "content_descriptions"): (
        "deprecated: points into the legacy `age_rating_content_descriptions` endpoint"
        " IGDB no longer maintains"
    ),
}

# Plain-integer columns that hold ids of another endpoint (not refs in IGDB's schema).
IMPLICIT_REFERENCES: dict[tuple[str, str], str] = {
    ("game_time_to_beats", "game_id"): "games",
    ("popularity_primitives", "game_id"): "games",
}
