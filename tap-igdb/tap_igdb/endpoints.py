"""Every IGDB v4 data endpoint the tap extracts: names, fields, field kinds, references.

This table is the single source of truth for stream names and schemas. It is the union of
IGDB's protobuf schema (``igdbapi.proto``, 2025-04 copy) and the current official API docs.
Fields that only the docs list are marked with a ``# docs only`` comment. Deprecated fields
(the enum-to-table migration) are kept, flagged ``deprecated=True`` and name their
replacement. ``search`` (query-only) and ``test_dummies`` (internal test entity) are excluded.

JSON conventions (see the API notes): timestamps are unix seconds and may be negative,
references are integer ids (objects only when expanded), ``checksum`` is a UUID-formatted
string, and keys whose value is empty are omitted, so every field is optional.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

FieldKind = Literal[
    "string",
    "strings",
    "integer",
    "integers",
    "number",
    "boolean",
    "timestamp",
    "ref",
    "refs",
    "checksum",
]


@dataclass(frozen=True)
class Field:
    """One documented field of an IGDB entity."""

    kind: FieldKind
    description: str = ""
    target: str | None = None  # endpoint name referenced by a "ref"/"refs" field
    deprecated: bool = False


@dataclass(frozen=True)
class Endpoint:
    """One IGDB v4 data endpoint: its path name, what it holds, and its fields."""

    name: str
    description: str
    fields: Mapping[str, Field]

    @property
    def replication_key(self) -> str | None:
        return "updated_at" if "updated_at" in self.fields else None


# --- shared descriptions (legacy enum values are those of IGDB's proto / docs) -------------

_URL = "The website address (URL) of the item"
_SLUG = "A url-safe, unique, lower-case version of the name"
_DATE_FORMAT_ENUM = "Date format enum: 0 YYYYMMMMDD, 1 YYYYMMMM, 2 YYYY, 3-6 YYYYQ1-YYYYQ4, 7 TBD"
_REGION_ENUM = (
    "Region enum: 1 europe, 2 north_america, 3 australia, 4 new_zealand, 5 japan, 6 china,"
    " 7 asia, 8 worldwide, 9 korea, 10 brazil"
)
_WEBSITE_ENUM = (
    "Website category enum: 1 official, 2 wikia, 3 wikipedia, 4 facebook, 5 twitter, 6 twitch,"
    " 8 instagram, 9 youtube, 10 iphone, 11 ipad, 12 android, 13 steam, 14 reddit, 15 itch,"
    " 16 epicgames, 17 gog, 18 discord, 19 bluesky"
)
_PLATFORM_WEBSITE_ENUM = (
    "Website category enum as documented for platform websites: 1-14 as for game websites"
    " (1 official ... 14 reddit), 15 discord, 16 google_plus, 17 tumblr, 18 linkedin,"
    " 19 pinterest, 20 soundcloud"
)
_EXTERNAL_GAME_ENUM = (
    "External game category enum: 1 steam, 5 gog, 10 youtube, 11 microsoft, 13 apple, 14 twitch,"
    " 15 android, 20 amazon_asin, 22 amazon_luna, 23 amazon_adg, 26 epic_game_store, 28 oculus,"
    " 29 utomik, 30 itch_io, 31 xbox_marketplace, 32 kartridge, 36 playstation_store_us,"
    " 37 focus_entertainment, 54 xbox_game_pass_ultimate_cloud, 55 gamejolt"
)
_GAME_CATEGORY_ENUM = (
    "Game category enum: 0 main_game, 1 dlc_addon, 2 expansion, 3 bundle, 4 standalone_expansion,"
    " 5 mod, 6 episode, 7 season, 8 remake, 9 remaster, 10 expanded_game, 11 port, 12 fork,"
    " 13 pack, 14 update"
)
_GAME_STATUS_ENUM = (
    "Game status enum: 0 released, 2 alpha, 3 beta, 4 early_access, 5 offline, 6 cancelled,"
    " 7 rumored, 8 delisted"
)
_AGE_RATING_ORG_ENUM = (
    "Rating organization enum: 1 ESRB, 2 PEGI, 3 CERO, 4 USK, 5 GRAC, 6 CLASS_IND, 7 ACB"
)
_AGE_RATING_ENUM = (
    "Rating enum 1-39 (e.g. 1 Three, 5 Eighteen, 6 RP, 8 E, 11 M, 12 AO, 13-17 CERO_A/B/C/D/Z,"
    " 18-22 USK, 23-27 GRAC, 28-33 CLASS_IND, 34-39 ACB); unlike other enums these values are"
    " not the ids of age_rating_categories"
)
_CONTENT_DESCRIPTION_ENUM = (
    "Content description enum 1-85: ESRB 1-49, PEGI 50-58, CERO 59-67, GRAC 68-74, CLASS_IND 75-85"
)


# --- field constructors --------------------------------------------------------------------


def string(description: str = "") -> Field:
    return Field("string", description)


def strings(description: str = "") -> Field:
    return Field("strings", description)


def integer(description: str = "") -> Field:
    return Field("integer", description)


def integers(description: str = "") -> Field:
    return Field("integers", description)


def number(description: str = "") -> Field:
    return Field("number", description)


def boolean(description: str = "") -> Field:
    return Field("boolean", description)


def timestamp(description: str = "") -> Field:
    return Field("timestamp", description)


def ref(target: str, description: str = "") -> Field:
    return Field("ref", description, target=target)


def refs(target: str, description: str = "") -> Field:
    return Field("refs", description, target=target)


def deprecated(field: Field, use: str | None = None) -> Field:
    """Copy of ``field`` flagged deprecated; ``use`` names the replacement field or endpoint."""
    prefix = f"DEPRECATED: use `{use}` instead." if use else "DEPRECATED."
    return replace(field, deprecated=True, description=f"{prefix} {field.description}".strip())


def _common(stamped: bool) -> dict[str, Field]:
    """Fields every endpoint has; ``stamped`` endpoints also carry created_at/updated_at."""
    fields = {
        "id": integer("Unique IGDB ID of the object"),
        "checksum": Field("checksum", "Hash of the object"),
    }
    if stamped:
        fields["created_at"] = timestamp("Date this was initially added to the IGDB database")
        fields["updated_at"] = timestamp(
            "The last date this entry was updated in the IGDB database"
        )
    return fields


def _image() -> dict[str, Field]:
    """The fields shared by all image endpoints (artworks, covers, logos, screenshots...)."""
    return {
        "alpha_channel": boolean("Whether the image has an alpha (transparency) channel"),
        "animated": boolean("Whether the image is animated"),
        "height": integer("The height of the image in pixels"),
        "image_id": string("The ID of the image used to construct an IGDB image link"),
        "url": string("The URL of the image (thumbnail size, t_thumb)"),
        "width": integer("The width of the image in pixels"),
    }


def _endpoint(name: str, description: str, /, *, stamped: bool, **fields: Field) -> Endpoint:
    """Build an endpoint; keyword arguments are its fields (hence positional-only params)."""
    return Endpoint(name, description, {**_common(stamped), **fields})


# --- the table -----------------------------------------------------------------------------

ENDPOINTS: tuple[Endpoint, ...] = (
    _endpoint(
        "age_rating_categories",
        "The rating category from the organization.",
        stamped=True,
        organization=ref("age_rating_organizations", "The rating organization"),
        rating=string("The rating name"),
    ),
    _endpoint(  # endpoint in the current docs only (added after the 2025-04 proto)
        "age_rating_content_description_types",
        "Types of age rating content descriptions.",
        stamped=True,
        name=string("Name of the content description type"),  # docs only
        slug=string(_SLUG),  # docs only
    ),
    _endpoint(
        "age_rating_content_descriptions",
        "DEPRECATED: use `age_rating_content_descriptions_v2` instead. Legacy age rating"
        " content descriptors.",
        stamped=False,
        category=deprecated(integer(_CONTENT_DESCRIPTION_ENUM)),
        description=string("The content description text"),
    ),
    _endpoint(
        "age_rating_content_descriptions_v2",
        "Age rating content descriptions (descriptors attached to an age rating).",
        stamped=True,
        description=string("The content description text"),
        description_type=ref(  # docs only
            "age_rating_content_description_types", "The age rating content description type"
        ),
        organization=ref("age_rating_organizations", "The rating organization"),
    ),
    _endpoint(
        "age_rating_organizations",
        "Organizations that issue age ratings (e.g. ESRB, PEGI).",
        stamped=True,
        name=string("The title of an age rating organization"),
    ),
    _endpoint(
        "age_ratings",
        "Age ratings according to various rating organisations.",
        stamped=False,
        category=deprecated(integer(_AGE_RATING_ORG_ENUM), use="organization"),
        content_descriptions=deprecated(
            refs("age_rating_content_descriptions", "Legacy content descriptions"),
            use="rating_content_descriptions",
        ),
        organization=ref(
            "age_rating_organizations", "The organization that has issued a specific rating"
        ),
        rating=deprecated(integer(_AGE_RATING_ENUM), use="rating_category"),
        rating_category=ref("age_rating_categories", "The category of a rating"),
        rating_content_descriptions=refs(
            "age_rating_content_descriptions_v2", "The rating content descriptions"
        ),
        rating_cover_url=string("The URL for the image of an age rating"),
        synopsis=string("A free text motivating a rating"),
    ),
    _endpoint(
        "alternative_names",
        "Alternative and international game titles.",
        stamped=False,
        comment=string(
            "What kind of alternative name it is (Acronym, Working title, Japanese title etc.)"
        ),
        game=ref("games", "The game this alternative name is associated with"),
        name=string("An alternative name"),
    ),
    _endpoint(  # endpoint in the current docs only (added after the 2025-04 proto)
        "artwork_types",
        "Artwork types.",
        stamped=True,
        name=string("Name of the artwork type"),  # docs only
        slug=string(_SLUG),  # docs only
    ),
    _endpoint(
        "artworks",
        "Official artworks (resolution and aspect ratio may vary).",
        stamped=False,
        **_image(),
        artwork_type=ref("artwork_types", "The artwork type"),  # docs only
        game=ref("games", "The game this artwork is associated with"),
    ),
    _endpoint(
        "character_genders",
        "Character genders.",
        stamped=True,
        name=string("Name of the gender"),
    ),
    _endpoint(
        "character_mug_shots",
        "Images depicting game characters.",
        stamped=False,
        **_image(),
    ),
    _endpoint(
        "character_species",
        "Character species.",
        stamped=True,
        name=string("Name of the species"),
    ),
    _endpoint(
        "characters",
        "Video game characters.",
        stamped=True,
        akas=strings("Alternative names for a character"),
        character_gender=ref("character_genders", "The gender of the character"),
        character_species=ref("character_species", "The species of the character"),
        country_name=string("A character's country of origin"),
        description=string("A text describing a character"),
        games=refs("games", "Games this character appears in"),
        gender=deprecated(
            integer("Gender enum: 0 Male, 1 Female, 2 Other"), use="character_gender"
        ),
        mug_shot=ref("character_mug_shots", "An image depicting a character"),
        name=string("Name of the character"),
        slug=string(_SLUG),
        species=deprecated(
            integer("Species enum: 1 Human, 2 Alien, 3 Animal, 4 Android, 5 Unknown"),
            use="character_species",
        ),
        url=string(_URL),
    ),
    _endpoint(
        "collection_membership_types",
        "Types of collection membership.",
        stamped=True,
        allowed_collection_type=ref("collection_types", "The allowed collection type"),
        description=string("Description of the membership type"),
        name=string("The membership type name"),
    ),
    _endpoint(
        "collection_memberships",
        "Memberships of games in collections.",
        stamped=True,
        collection=ref("collections", "The collection that is associated with this membership"),
        game=ref("games", "The game that is associated with this membership"),
        type=ref("collection_membership_types", "The collection membership type"),
    ),
    _endpoint(
        "collection_relation_types",
        "Types of relationships between collections.",
        stamped=True,
        allowed_child_type=ref("collection_types", "The allowed child collection type"),
        allowed_parent_type=ref("collection_types", "The allowed parent collection type"),
        description=string("The relationship type description"),
        name=string("The relationship type name"),
    ),
    _endpoint(
        "collection_relations",
        "Describes relationships between collections.",
        stamped=True,
        child_collection=ref("collections", "The child collection of this collection"),
        parent_collection=ref("collections", "The parent collection of this collection"),
        type=ref("collection_relation_types", "The collection relationship type"),
    ),
    _endpoint(
        "collection_types",
        "Types of collections.",
        stamped=True,
        description=string("Description of the collection type"),
        name=string("The name of the collection type"),
    ),
    _endpoint(
        "collections",
        "Game collections (series).",
        stamped=True,
        as_child_relations=refs("collection_relations", "Relations where this is the child"),
        as_parent_relations=refs("collection_relations", "Relations where this is the parent"),
        games=refs("games", "The games that are associated with this collection"),
        name=string("Umbrella term for a collection of games"),
        slug=string(_SLUG),
        type=ref("collection_types", "The type of collection"),
        url=string(_URL),
    ),
    _endpoint(
        "companies",
        "Video game companies (publishers and developers).",
        stamped=True,
        change_date=timestamp("The date when a company got a new ID"),
        change_date_category=deprecated(integer(_DATE_FORMAT_ENUM), use="change_date_format"),
        change_date_format=ref("date_formats", "The format of the change date"),
        changed_company_id=ref(
            "companies", "The new ID for a company that has gone through a merger or restructuring"
        ),
        country=integer("ISO 3166-1 numeric country code"),
        description=string("A free text description of a company"),
        developed=refs("games", "Games that the company has developed"),
        logo=ref("company_logos", "The company's logo"),
        name=string("Name of the company"),
        parent=ref("companies", "A company with a controlling interest in this company"),
        published=refs("games", "Games that the company has published"),
        slug=string(_SLUG),
        start_date=timestamp("The date a company was founded"),
        start_date_category=deprecated(integer(_DATE_FORMAT_ENUM), use="start_date_format"),
        start_date_format=ref("date_formats", "The format of the start date"),
        status=ref("company_statuses", "The status of the company"),
        url=string(_URL),
        websites=refs("company_websites", "The company's official websites"),
    ),
    _endpoint(
        "company_logos",
        "Company logos (developers and publishers).",
        stamped=False,
        **_image(),
    ),
    _endpoint(
        "company_statuses",
        "Company statuses (e.g. active, defunct, merged, renamed).",
        stamped=True,
        name=string("Name of the status"),
    ),
    _endpoint(
        "company_websites",
        "Company websites.",
        stamped=False,
        category=deprecated(integer(_WEBSITE_ENUM), use="type"),
        trusted=boolean("Whether the website is trusted"),
        type=ref("website_types", "The website type associated with the website"),
        url=string(_URL),
    ),
    _endpoint(
        "covers",
        "Game cover art.",
        stamped=False,
        **_image(),
        game=ref("games", "The game of this cover; empty if it belongs to a game localization"),
        game_localization=ref(
            "game_localizations", "The game localization this cover might be associated with"
        ),
    ),
    _endpoint(
        "date_formats",
        "Date formats of partial dates (e.g. YYYYMMMMDD, YYYY, YYYYQ1, TBD).",
        stamped=True,
        format=string("The date format"),
    ),
    _endpoint(
        "event_logos",
        "Logos of gaming events.",
        stamped=True,
        **_image(),
        event=ref("events", "The event associated with this logo"),
    ),
    _endpoint(
        "event_networks",
        "URLs related to events (e.g. Twitter, Facebook, YouTube).",
        stamped=True,
        event=ref("events", "The event associated with this URL"),
        network_type=ref("network_types", "Network type"),
        url=string(_URL),
    ),
    _endpoint(
        "events",
        "Gaming events (e.g. GamesCom, Tokyo Game Show, PAX, GSL).",
        stamped=True,
        description=string("The description of the event"),
        end_time=timestamp("End time of the event in UTC"),
        event_logo=ref("event_logos", "Logo of the event"),
        event_networks=refs("event_networks", "URLs associated with the event"),
        games=refs("games", "Games featured in the event"),
        live_stream_url=string("URL to the livestream of the event"),
        name=string("The name of the event"),
        slug=string(_SLUG),
        start_time=timestamp("Start time of the event in UTC"),
        time_zone=string("Timezone the event is in"),
        videos=refs("game_videos", "Trailers featured in the event"),
    ),
    _endpoint(
        "external_game_sources",
        "Services that external game IDs come from (e.g. Steam, GOG).",
        stamped=True,
        name=string("Name of the external game source"),
    ),
    _endpoint(
        "external_games",
        "Game IDs on other services.",
        stamped=True,
        category=deprecated(integer(_EXTERNAL_GAME_ENUM), use="external_game_source"),
        countries=integers("ISO 3166-1 numeric country codes of the external game product"),
        external_game_source=ref("external_game_sources", "The source of the external game"),
        game=ref("games", "The IGDB ID of the game"),
        game_release_format=ref("game_release_formats", "The release format of the external game"),
        media=deprecated(integer("Media enum: 1 digital, 2 physical"), use="game_release_format"),
        name=string("The name of the game according to the other service"),
        platform=ref("platforms", "The platform of the external game product"),
        uid=string("The other service's ID for this game"),
        url=string(_URL),
        year=integer("The year in full (e.g. 2018)"),
    ),
    _endpoint(
        "franchises",
        "Video game franchises (e.g. Star Wars).",
        stamped=True,
        games=refs("games", "The games that are associated with this franchise"),
        name=string("The name of the franchise"),
        slug=string(_SLUG),
        url=string(_URL),
    ),
    _endpoint(
        "game_engine_logos",
        "Logos of game engines.",
        stamped=False,
        **_image(),
    ),
    _endpoint(
        "game_engines",
        "Video game engines (e.g. Unreal Engine).",
        stamped=True,
        companies=refs("companies", "Companies who used this game engine"),
        description=string("Description of the game engine"),
        logo=ref("game_engine_logos", "Logo of the game engine"),
        name=string("Name of the game engine"),
        platforms=refs("platforms", "Platforms this game engine was deployed on"),
        slug=string(_SLUG),
        url=string(_URL),
    ),
    _endpoint(
        "game_localizations",
        "Localized names and covers of games per region.",
        stamped=True,
        cover=ref("covers", "The cover of this game localization"),
        game=ref("games", "The game the localization belongs to"),
        name=string("The localized name of the game"),
        region=ref("regions", "The region of the localization"),
    ),
    _endpoint(
        "game_modes",
        "Game modes (e.g. Single player, Multiplayer).",
        stamped=True,
        name=string("The name of the game mode"),
        slug=string(_SLUG),
        url=string(_URL),
    ),
    _endpoint(
        "game_release_formats",
        "Game release formats (e.g. digital, physical).",
        stamped=True,
        format=string("Name of the release format"),
    ),
    _endpoint(
        "game_statuses",
        "Game release statuses (e.g. released, alpha, beta, cancelled).",
        stamped=True,
        status=string("Name of the status"),
    ),
    _endpoint(
        "game_time_to_beats",
        "Average time to beat times for a game.",
        stamped=True,
        completely=integer("Average time (in seconds) to finish the game to 100% completion"),
        count=integer("Total number of time to beat submissions for this game"),
        game_id=integer("The `games` id this applies to (plain integer, not a reference)"),
        hastily=integer("Average time (in seconds) to finish the game to its credits, no extras"),
        normally=integer("Average time (in seconds) to finish the game mixing in some extras"),
    ),
    _endpoint(
        "game_types",
        "Game types (e.g. main game, DLC, expansion, bundle).",
        stamped=True,
        type=string("Name of the game type"),
    ),
    _endpoint(
        "game_version_feature_values",
        "The value a game version/edition has for a game version feature.",
        stamped=False,
        game=ref("games", "The version/edition this value refers to"),
        game_feature=ref("game_version_features", "The game version feature"),
        included_feature=integer(
            "The boolean value of this feature: 0 NOT_INCLUDED, 1 INCLUDED, 2 PRE_ORDER_ONLY"
        ),
        note=string("The text value of this feature"),
    ),
    _endpoint(
        "game_version_features",
        "Features and descriptions of what makes each version/edition different.",
        stamped=False,
        category=integer("The category of the feature description: 0 boolean, 1 description"),
        description=string("The description of the feature"),
        position=integer("Position of this feature in the list of features"),
        title=string("The title of the feature"),
        values=refs("game_version_feature_values", "The bool/text value of the feature"),
    ),
    _endpoint(
        "game_versions",
        "Details about game editions and versions.",
        stamped=True,
        features=refs("game_version_features", "Features that make each version/edition different"),
        game=ref("games", "The game these versions/editions are of"),
        games=refs("games", "Game versions and editions"),
        url=string(_URL),
    ),
    _endpoint(
        "game_videos",
        "Videos associated with games.",
        stamped=False,
        game=ref("games", "The game this video is associated with"),
        name=string("The name of the video"),
        video_id=string("The external ID of the video (YouTube id)"),
    ),
    _endpoint(
        "games",
        "Video games.",
        stamped=True,
        age_ratings=refs("age_ratings", "Age ratings of this game"),
        aggregated_rating=number("Rating based on external critic scores"),
        aggregated_rating_count=integer("Number of external critic scores"),
        alternative_names=refs("alternative_names", "Alternative names for this game"),
        artworks=refs("artworks", "Artworks of this game"),
        bundles=refs("games", "The bundles this game is a part of"),
        category=deprecated(integer(_GAME_CATEGORY_ENUM), use="game_type"),
        collection=deprecated(ref("collections", "The game's series"), use="collections"),
        collections=refs("collections", "The collections that this game is in"),
        cover=ref("covers", "The cover of this game"),
        dlcs=refs("games", "DLCs for this game"),
        expanded_games=refs("games", "Expanded games of this game"),
        expansions=refs("games", "Expansions of this game"),
        external_games=refs("external_games", "External IDs this game has on other services"),
        first_release_date=timestamp("The first release date for this game"),
        follows=deprecated(integer("Number of people following the game; to be removed")),
        forks=refs("games", "Forks of this game"),
        franchise=ref("franchises", "The main franchise"),
        franchises=refs("franchises", "Other franchises the game belongs to"),
        game_engines=refs("game_engines", "The game engines used in this game"),
        game_localizations=refs("game_localizations", "Supported game localizations for this game"),
        game_modes=refs("game_modes", "Modes of gameplay"),
        game_status=ref("game_statuses", "The status of the game's release"),
        game_type=ref("game_types", "The type of game"),
        genres=refs("genres", "Genres of the game"),
        hypes=integer("Number of follows a game gets before release"),
        involved_companies=refs("involved_companies", "Companies who developed this game"),
        keywords=refs("keywords", "Associated keywords"),
        language_supports=refs("language_supports", "Supported languages for this game"),
        multiplayer_modes=refs("multiplayer_modes", "Multiplayer modes for this game"),
        name=string("Name of the game"),
        parent_game=ref("games", "If a DLC, expansion or bundle part: the main game or bundle"),
        platforms=refs("platforms", "Platforms this game was released on"),
        player_perspectives=refs("player_perspectives", "The main perspective of the player"),
        ports=refs("games", "Ports of this game"),
        rating=number("Average IGDB user rating"),
        rating_count=integer("Total number of IGDB user ratings"),
        release_dates=refs("release_dates", "Release dates of this game"),
        remakes=refs("games", "Remakes of this game"),
        remasters=refs("games", "Remasters of this game"),
        screenshots=refs("screenshots", "Screenshots of this game"),
        similar_games=refs("games", "Similar games"),
        slug=string(_SLUG),
        standalone_expansions=refs("games", "Standalone expansions of this game"),
        status=deprecated(integer(_GAME_STATUS_ENUM), use="game_status"),
        storyline=string("A short description of a game's story"),
        summary=string("A description of the game"),
        tags=integers("Tag numbers: related themes, genres, keywords, games, player perspectives"),
        themes=refs("themes", "Themes of the game"),
        total_rating=number("Average rating based on both IGDB user and external critic scores"),
        total_rating_count=integer("Total number of user and external critic scores"),
        url=string(_URL),
        version_parent=ref("games", "If a version, this is the main game"),
        version_title=string("Title of this version (e.g. Gold edition)"),
        videos=refs("game_videos", "Videos of this game"),
        websites=refs("websites", "Websites associated with this game"),
    ),
    _endpoint(
        "genres",
        "Video game genres.",
        stamped=True,
        name=string("Name of the genre"),
        slug=string(_SLUG),
        url=string(_URL),
    ),
    _endpoint(
        "involved_companies",
        "Companies involved in a game and their roles.",
        stamped=True,
        company=ref("companies", "The company involved"),
        developer=boolean("Whether the company developed the game"),
        game=ref("games", "The game this company was involved with"),
        porting=boolean("Whether the company ported the game"),
        publisher=boolean("Whether the company published the game"),
        supporting=boolean("Whether the company supported the game"),
    ),
    _endpoint(
        "keywords",
        'Keywords tagged to games (e.g. "world war 2", "steampunk").',
        stamped=True,
        name=string("The keyword"),
        slug=string(_SLUG),
        url=string(_URL),
    ),
    _endpoint(
        "language_support_types",
        "Types of language support (e.g. audio, subtitles, interface).",
        stamped=True,
        name=string("Name of the language support type"),
    ),
    _endpoint(
        "language_supports",
        "Different language options for games (voice acting, subtitles, interface).",
        stamped=True,
        game=ref("games", "The game this language support applies to"),
        language=ref("languages", "The supported language"),
        language_support_type=ref("language_support_types", "The kind of support"),
    ),
    _endpoint(
        "languages",
        "Languages used in the Language Support endpoint.",
        stamped=True,
        locale=string("The combination of language code and country code"),
        name=string("The English name of the language"),
        native_name=string("The native name of the language"),
    ),
    _endpoint(
        "multiplayer_modes",
        "Supported multiplayer types for games.",
        stamped=False,
        campaigncoop=boolean("True if the game supports campaign coop"),
        dropin=boolean("True if the game supports drop in/out multiplayer"),
        game=ref("games", "The game this multiplayer mode is associated with"),
        lancoop=boolean("True if the game supports LAN coop"),
        offlinecoop=boolean("True if the game supports offline coop"),
        offlinecoopmax=integer("Maximum number of offline players in offline coop"),
        offlinemax=integer("Maximum number of players in offline multiplayer"),
        onlinecoop=boolean("True if the game supports online coop"),
        onlinecoopmax=integer("Maximum number of online players in online coop"),
        onlinemax=integer("Maximum number of players in online multiplayer"),
        platform=ref("platforms", "The platform this multiplayer mode refers to"),
        splitscreen=boolean("True if the game supports split screen, offline multiplayer"),
        splitscreenonline=boolean("True if the game supports split screen, online multiplayer"),
    ),
    _endpoint(
        "network_types",
        "Social networks related to events (e.g. Twitter, Facebook, YouTube).",
        stamped=True,
        event_networks=refs("event_networks", "URLs associated with the event type"),
        name=string("Name of the network type"),
    ),
    _endpoint(
        "platform_families",
        "A collection of closely related platforms.",
        stamped=False,
        name=string("The name of the platform family"),
        slug=string(_SLUG),
    ),
    _endpoint(
        "platform_logos",
        "Logos of platforms.",
        stamped=False,
        **_image(),
    ),
    _endpoint(
        "platform_types",
        "Platform types (e.g. console, arcade, operating system).",
        stamped=True,
        name=string("Name of the platform type"),
    ),
    _endpoint(
        "platform_version_companies",
        "Platform developers.",
        stamped=False,
        comment=string("Any notable comments about the developer"),
        company=ref("companies", "The company responsible for developing this platform version"),
        developer=boolean("Whether the company developed the platform version"),
        manufacturer=boolean("Whether the company manufactured the platform version"),
    ),
    _endpoint(
        "platform_version_release_dates",
        "Release dates of platform versions.",
        stamped=True,
        category=deprecated(integer(_DATE_FORMAT_ENUM), use="date_format"),
        date=timestamp("The release date"),
        date_format=ref("date_formats", "The format of the date"),
        human=string("A human-readable representation of the date"),
        m=integer("The month (if applicable)"),
        platform_version=ref("platform_versions", "The platform version"),
        region=deprecated(integer(_REGION_ENUM), use="release_region"),
        release_region=ref("release_date_regions", "The region of the release"),
        y=integer("The year"),
    ),
    _endpoint(
        "platform_versions",
        "Versions of a platform and their hardware specifications.",
        stamped=False,
        companies=refs("platform_version_companies", "Who developed this platform version"),
        connectivity=string("The network capabilities"),
        cpu=string("The integrated control processing unit"),
        graphics=string("The graphics chipset"),
        main_manufacturer=ref(
            "platform_version_companies", "Who manufactured this version of the platform"
        ),
        media=string("The type of media this version accepted"),
        memory=string("How much memory there is"),
        name=string("The name of the platform version"),
        os=string("The operating system installed on the platform version"),
        output=string("The output video rate"),
        platform_logo=ref("platform_logos", "The logo of this platform version"),
        platform_version_release_dates=refs(
            "platform_version_release_dates", "When this platform was released"
        ),
        resolutions=string("The maximum resolution"),
        slug=string(_SLUG),
        sound=string("The sound chipset"),
        storage=string("How much storage there is"),
        summary=string("A short summary"),
        url=string(_URL),
    ),
    _endpoint(
        "platform_websites",
        "Platform websites.",
        stamped=False,
        category=deprecated(integer(_PLATFORM_WEBSITE_ENUM), use="type"),
        trusted=boolean("Whether the website is trusted"),
        type=ref("website_types", "The website type associated with the website"),
        url=string(_URL),
    ),
    _endpoint(
        "platforms",
        "Hardware used to run games or game delivery networks.",
        stamped=True,
        abbreviation=string("An abbreviation of the platform name"),
        alternative_name=string("An alternative name for the platform"),
        category=deprecated(
            integer(
                "Platform category enum: 1 console, 2 arcade, 3 platform, 4 operating_system,"
                " 5 portable_console, 6 computer"
            ),
            use="platform_type",
        ),
        generation=integer("The generation of the platform"),
        name=string("The name of the platform"),
        platform_family=ref("platform_families", "The family of platforms this one belongs to"),
        platform_logo=ref("platform_logos", "The logo of the first version of this platform"),
        platform_type=ref("platform_types", "The type of the platform"),
        slug=string(_SLUG),
        summary=string("The summary of the first version of this platform"),
        url=string(_URL),
        versions=refs("platform_versions", "Associated versions of this platform"),
        websites=refs("platform_websites", "The main website"),
    ),
    _endpoint(
        "player_perspectives",
        "Player perspectives describe the view/perspective of the player in a video game.",
        stamped=True,
        name=string("Name of the player perspective"),
        slug=string(_SLUG),
        url=string(_URL),
    ),
    _endpoint(
        "popularity_primitives",
        "Popularity primitives (IGDB PopScore) with their source and popularity type; daily.",
        stamped=True,
        calculated_at=timestamp("When the popularity value was calculated"),
        external_popularity_source=ref(
            "external_game_sources", "The source of the popularity value"
        ),
        game_id=integer("The `games` id this value belongs to (plain integer, not a reference)"),
        popularity_source=deprecated(
            integer("Popularity source enum: 121 igdb"), use="external_popularity_source"
        ),
        popularity_type=ref("popularity_types", "The popularity type"),
        value=number("The popularity value (decimal)"),
    ),
    _endpoint(
        "popularity_types",
        "Popularity types (e.g. IGDB visits, Steam 24hr peak players) and their source.",
        stamped=True,
        external_popularity_source=ref("external_game_sources", "The source of this type"),
        name=string("Name of the popularity type"),
        popularity_source=deprecated(
            integer("Popularity source enum: 1 steam, 121 igdb"), use="external_popularity_source"
        ),
    ),
    _endpoint(
        "regions",
        "Regions for game localization.",
        stamped=True,
        category=string("This can be either 'locale' or 'continent'"),
        identifier=string("The identifier of each region"),
        name=string("Name of the region"),
    ),
    _endpoint(
        "release_date_regions",
        "Regions of release dates (e.g. europe, north_america, worldwide).",
        stamped=True,
        region=string("Name of the region"),
    ),
    _endpoint(
        "release_date_statuses",
        "Release date status definitions.",
        stamped=True,
        description=string("The description of the release date status"),
        name=string("The name of the release date status"),
    ),
    _endpoint(
        "release_dates",
        "Game release dates with platform and region details.",
        stamped=True,
        category=deprecated(integer(_DATE_FORMAT_ENUM), use="date_format"),
        date=timestamp("The date of the release"),
        date_format=ref("date_formats", "The format of the release date"),
        game=ref("games", "The game released"),
        human=string("A human-readable representation of the date"),
        m=integer("The month as an integer starting at 1 (January)"),
        platform=ref("platforms", "The platform of the release"),
        region=deprecated(integer(_REGION_ENUM), use="release_region"),
        release_region=ref("release_date_regions", "The region of the release"),
        status=ref("release_date_statuses", "The status of the release"),
        y=integer("The year in full (e.g. 2018)"),
    ),
    _endpoint(
        "screenshots",
        "Game screenshots.",
        stamped=False,
        **_image(),
        game=ref("games", "The game this screenshot is associated with"),
    ),
    _endpoint(
        "themes",
        "Video game themes.",
        stamped=True,
        name=string("Name of the theme"),
        slug=string(_SLUG),
        url=string(_URL),
    ),
    _endpoint(
        "website_types",
        "Website types (e.g. official, wikipedia, steam).",
        stamped=True,
        type=string("The website type"),
    ),
    _endpoint(
        "websites",
        "Website URLs, usually associated with games.",
        stamped=False,
        category=deprecated(integer(_WEBSITE_ENUM), use="type"),
        game=ref("games", "The game this website is associated with"),
        trusted=boolean("Whether the website is trusted"),
        type=ref("website_types", "The website type associated with the website"),
        url=string(_URL),
    ),
)

BY_NAME: Mapping[str, Endpoint] = {e.name: e for e in ENDPOINTS}


def _check() -> None:
    """Import-time consistency checks of the table above."""
    names = [e.name for e in ENDPOINTS]
    assert len(ENDPOINTS) == 71, len(ENDPOINTS)
    assert names == sorted(set(names)), "endpoint names must be unique and sorted"
    assert sum(e.replication_key is not None for e in ENDPOINTS) == 51
    for e in ENDPOINTS:
        assert e.fields["id"].kind == "integer", e.name
        assert e.fields["checksum"].kind == "checksum", e.name
        assert ("created_at" in e.fields) == ("updated_at" in e.fields), e.name
        for fname, f in e.fields.items():
            is_ref = f.kind in ("ref", "refs")
            assert is_ref == (f.target is not None), (e.name, fname)
            assert f.target is None or f.target in BY_NAME, (e.name, fname, f.target)


_check()
