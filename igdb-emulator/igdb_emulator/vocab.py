"""Value vocabularies: real IGDB lookup rows and word pools for generated text.

Lookup rows use the ids and names documented in the API notes (igdb-api.md §4.3, §5) where
they exist; rows marked "estimate" are plausible stand-ins for tables the notes do not list.
Where IGDB kept its legacy enum values as the ids of the new lookup tables, the ids start at
0 (game_types, game_statuses, date_formats, character_genders), exactly as documented:
"Only the field names are changing, not the values they contain".
"""

from __future__ import annotations

from typing import Any

Row = dict[str, Any]

# --- lookup tables: (id, values...) ---------------------------------------------------------

GENRES: list[tuple[int, str, str]] = [  # the 23 IGDB genres (count known: igdb-api.md §5)
    (2, "Point-and-click", "point-and-click"),
    (4, "Fighting", "fighting"),
    (5, "Shooter", "shooter"),
    (7, "Music", "music"),
    (8, "Platform", "platform"),
    (9, "Puzzle", "puzzle"),
    (10, "Racing", "racing"),
    (11, "Real Time Strategy (RTS)", "real-time-strategy-rts"),
    (12, "Role-playing (RPG)", "role-playing-rpg"),
    (13, "Simulator", "simulator"),
    (14, "Sport", "sport"),
    (15, "Strategy", "strategy"),
    (16, "Turn-based strategy (TBS)", "turn-based-strategy-tbs"),
    (24, "Tactical", "tactical"),
    (25, "Hack and slash/Beat 'em up", "hack-and-slash-beat-em-up"),
    (26, "Quiz/Trivia", "quiz-trivia"),
    (30, "Pinball", "pinball"),
    (31, "Adventure", "adventure"),
    (32, "Indie", "indie"),
    (33, "Arcade", "arcade"),
    (34, "Visual Novel", "visual-novel"),
    (35, "Card & Board Game", "card-and-board-game"),
    (36, "MOBA", "moba"),
]

THEMES: list[tuple[int, str, str]] = [
    (1, "Action", "action"),
    (17, "Fantasy", "fantasy"),
    (18, "Science fiction", "science-fiction"),
    (19, "Horror", "horror"),
    (20, "Thriller", "thriller"),
    (21, "Survival", "survival"),
    (22, "Historical", "historical"),
    (23, "Stealth", "stealth"),
    (27, "Comedy", "comedy"),
    (28, "Business", "business"),
    (31, "Drama", "drama"),
    (32, "Non-fiction", "non-fiction"),
    (33, "Sandbox", "sandbox"),
    (34, "Educational", "educational"),
    (35, "Kids", "kids"),
    (38, "Open world", "open-world"),
    (39, "Warfare", "warfare"),
    (40, "Party", "party"),
    (
        41,
        "4X (explore, expand, exploit, and exterminate)",
        "4x-explore-expand-exploit-and-exterminate",
    ),
    (42, "Erotic", "erotic"),
    (43, "Mystery", "mystery"),
    (44, "Romance", "romance"),
]

GAME_MODES: list[tuple[int, str, str]] = [
    (1, "Single player", "single-player"),
    (2, "Multiplayer", "multiplayer"),
    (3, "Co-operative", "co-operative"),
    (4, "Split screen", "split-screen"),
    (5, "Massively Multiplayer Online (MMO)", "massively-multiplayer-online-mmo"),
    (6, "Battle Royale", "battle-royale"),
]

PLAYER_PERSPECTIVES: list[tuple[int, str, str]] = [
    (1, "First person", "first-person"),
    (2, "Third person", "third-person"),
    (3, "Bird view / Isometric", "bird-view-slash-isometric"),
    (4, "Side view", "side-view"),
    (5, "Text", "text"),
    (6, "Auditory", "auditory"),
    (7, "Virtual Reality", "virtual-reality"),
]

# Game types with their live counts (PROBE-A, igdb-api.md §5): the weights of games.game_type.
GAME_TYPES: list[tuple[int, str, int]] = [
    (0, "Main Game", 312_418),
    (1, "DLC", 17_615),
    (2, "Expansion", 1_736),
    (3, "Bundle", 7_134),
    (4, "Standalone Expansion", 504),
    (5, "Mod", 9_779),
    (6, "Episode", 976),
    (7, "Season", 866),
    (8, "Remake", 1_472),
    (9, "Remaster", 1_381),
    (10, "Expanded Game", 2_143),
    (11, "Port", 8_227),
    (12, "Fork", 135),
    (13, "Pack", 8_952),
    (14, "Update", 1_217),
]

GAME_STATUSES: list[tuple[int, str]] = [
    (0, "Released"),
    (2, "Alpha"),
    (3, "Beta"),
    (4, "Early Access"),
    (5, "Offline"),
    (6, "Cancelled"),
    (7, "Rumored"),
    (8, "Delisted"),
]

DATE_FORMATS: list[tuple[int, str]] = [
    (0, "YYYYMMMMDD"),
    (1, "YYYYMMMM"),
    (2, "YYYY"),
    (3, "YYYYQ1"),
    (4, "YYYYQ2"),
    (5, "YYYYQ3"),
    (6, "YYYYQ4"),
    (7, "TBD"),
]

PLATFORM_TYPES: list[tuple[int, str]] = [
    (1, "Console"),
    (2, "Arcade"),
    (3, "Platform"),
    (4, "Operating System"),
    (5, "Portable Console"),
    (6, "Computer"),
]

RELEASE_DATE_REGIONS: list[tuple[int, str]] = [
    (1, "europe"),
    (2, "north_america"),
    (3, "australia"),
    (4, "new_zealand"),
    (5, "japan"),
    (6, "china"),
    (7, "asia"),
    (8, "worldwide"),
    (9, "korea"),
    (10, "brazil"),
]

WEBSITE_TYPES: list[tuple[int, str, str]] = [  # (id, type, url template)
    (1, "Official Website", "https://www.{slug}.com"),
    (2, "Community Wiki", "https://{slug}.fandom.com/wiki/{Name}"),
    (3, "Wikipedia", "https://en.wikipedia.org/wiki/{Name}"),
    (4, "Facebook", "https://www.facebook.com/{slug}"),
    (5, "Twitter", "https://twitter.com/{slug}"),
    (6, "Twitch", "https://www.twitch.tv/directory/category/{slug}"),
    (8, "Instagram", "https://www.instagram.com/{slug}"),
    (9, "YouTube", "https://www.youtube.com/@{slug}"),
    (10, "App Store (iPhone)", "https://apps.apple.com/app/id{num}"),
    (11, "App Store (iPad)", "https://apps.apple.com/app/id{num}"),
    (12, "Google Play", "https://play.google.com/store/apps/details?id=com.{slug}"),
    (13, "Steam", "https://store.steampowered.com/app/{num}"),
    (14, "Subreddit", "https://www.reddit.com/r/{slug}"),
    (15, "Itch", "https://{slug}.itch.io"),
    (16, "Epic", "https://store.epicgames.com/p/{slug}"),
    (17, "GOG", "https://www.gog.com/game/{slug}"),
    (18, "Discord", "https://discord.gg/{slug}"),
    (19, "Bluesky", "https://bsky.app/profile/{slug}.bsky.social"),
]

EXTERNAL_GAME_SOURCES: list[tuple[int, str, str]] = [  # (id, name, url template)
    (1, "Steam", "https://store.steampowered.com/app/{uid}"),
    (5, "GOG", "https://www.gog.com/game/{uid}"),
    (10, "YouTube", "https://www.youtube.com/watch?v={uid}"),
    (11, "Microsoft", "https://www.microsoft.com/store/apps/{uid}"),
    (13, "Apple", "https://apps.apple.com/app/id{uid}"),
    (14, "Twitch", "https://www.twitch.tv/directory/category/{uid}"),
    (15, "Android", "https://play.google.com/store/apps/details?id={uid}"),
    (20, "Amazon Asin", "https://www.amazon.com/dp/{uid}"),
    (22, "Amazon Luna", "https://luna.amazon.com/game/{uid}"),
    (23, "Amazon ADG", "https://www.amazon.com/dp/{uid}"),
    (26, "Epic Game Store", "https://store.epicgames.com/p/{uid}"),
    (28, "Oculus", "https://www.meta.com/experiences/{uid}"),
    (29, "Utomik", "https://www.utomik.com/games/{uid}"),
    (30, "Itch.io", "https://itch.io/game/{uid}"),
    (31, "Xbox Marketplace", "https://marketplace.xbox.com/en-US/Product/{uid}"),
    (32, "Kartridge", "https://www.kartridge.com/games/{uid}"),
    (36, "PlayStation Store US", "https://store.playstation.com/en-us/product/{uid}"),
    (37, "Focus Entertainment", "https://www.focus-entmt.com/games/{uid}"),
    (54, "Xbox Game Pass Ultimate Cloud", "https://www.xbox.com/play/games/{uid}"),
    (55, "Gamejolt", "https://gamejolt.com/games/{uid}"),
    (121, "IGDB", "https://www.igdb.com/games/{uid}"),
]

GAME_RELEASE_FORMATS: list[tuple[int, str]] = [(1, "Digital"), (2, "Physical")]

AGE_RATING_ORGANIZATIONS: list[tuple[int, str]] = [
    (1, "ESRB"),
    (2, "PEGI"),
    (3, "CERO"),
    (4, "USK"),
    (5, "GRAC"),
    (6, "CLASS_IND"),
    (7, "ACB"),
]

# Ratings per organization (legacy enum names, igdb-api.md §4.3); ids are new (1..39).
AGE_RATING_CATEGORIES: list[tuple[int, str]] = [
    (1, "RP"), (1, "EC"), (1, "E"), (1, "E10"), (1, "T"), (1, "M"), (1, "AO"),
    (2, "Three"), (2, "Seven"), (2, "Twelve"), (2, "Sixteen"), (2, "Eighteen"),
    (3, "CERO_A"), (3, "CERO_B"), (3, "CERO_C"), (3, "CERO_D"), (3, "CERO_Z"),
    (4, "USK_0"), (4, "USK_6"), (4, "USK_12"), (4, "USK_16"), (4, "USK_18"),
    (5, "GRAC_ALL"), (5, "GRAC_Twelve"), (5, "GRAC_Fifteen"), (5, "GRAC_Eighteen"),
    (5, "GRAC_TESTING"),
    (6, "CLASS_IND_L"), (6, "CLASS_IND_Ten"), (6, "CLASS_IND_Twelve"),
    (6, "CLASS_IND_Fourteen"), (6, "CLASS_IND_Sixteen"), (6, "CLASS_IND_Eighteen"),
    (7, "ACB_G"), (7, "ACB_PG"), (7, "ACB_M"), (7, "ACB_MA15"), (7, "ACB_R18"), (7, "ACB_RC"),
]  # fmt: skip

CONTENT_DESCRIPTION_TYPES: list[str] = [  # estimate
    "Violence", "Blood", "Language", "Sexual Content", "Drugs", "Gambling", "Fear",
    "Discrimination", "Online Interactions", "Crude Humor", "Alcohol Reference",
    "Tobacco Reference", "Nudity", "Mild Violence", "Fantasy Violence", "In-Game Purchases",
    "Users Interact", "Shares Location", "Horror", "Criminal Technique",
]  # fmt: skip

CHARACTER_GENDERS: list[tuple[int, str]] = [(0, "Male"), (1, "Female"), (2, "Other")]
CHARACTER_SPECIES: list[tuple[int, str]] = [
    (1, "Human"),
    (2, "Alien"),
    (3, "Animal"),
    (4, "Android"),
    (5, "Unknown"),
]
COMPANY_STATUSES: list[str] = ["Active", "Defunct", "Merged", "Renamed"]  # ids estimated 1..4
LANGUAGE_SUPPORT_TYPES: list[str] = ["Audio", "Subtitles", "Interface"]
ARTWORK_TYPES: list[str] = [  # estimate
    "Key Art",
    "Key Art With Logo",
    "Logo",
    "Promotional Art",
    "Concept Art",
    "Wallpaper",
    "Banner",
    "Screenshot Art",
]
COLLECTION_TYPES: list[tuple[str, str]] = [  # estimate
    ("Series", "A numbered or named series of games"),
    ("Collection", "A loose grouping of related games"),
    ("Spin-off", "Games set apart from a main series"),
    ("Universe", "Games sharing one fictional universe"),
    ("Other", "Any other grouping"),
]
COLLECTION_MEMBERSHIP_TYPES: list[tuple[str, str, int]] = [  # estimate (name, desc, type id)
    ("Main Entry", "A numbered entry of the series", 1),
    ("Spin-off", "A game outside the main line", 3),
    ("Compilation", "A compilation of entries", 2),
    ("Remake", "A remake of an entry", 1),
    ("Member", "Member of a collection", 2),
    ("Universe Entry", "A game set in the universe", 4),
]
COLLECTION_RELATION_TYPES: list[tuple[str, str, int, int]] = [  # estimate
    ("Sub-series", "The child is a sub-series of the parent", 1, 1),
    ("Spin-off series", "The child spun off from the parent", 1, 3),
    ("Part of universe", "The child series is set in the parent universe", 4, 1),
    ("Related", "The collections are related", 2, 2),
]
REGIONS: list[tuple[str, str, str]] = [  # (name, category, identifier), estimate
    ("Europe", "continent", "eu"),
    ("North America", "continent", "na"),
    ("Australia", "locale", "au"),
    ("New Zealand", "locale", "nz"),
    ("Japan", "locale", "jp"),
    ("China", "locale", "cn"),
    ("Asia", "continent", "as"),
    ("Worldwide", "continent", "ww"),
    ("Korea", "locale", "kr"),
    ("Brazil", "locale", "br"),
    ("Hong Kong", "locale", "hk"),
    ("Taiwan", "locale", "tw"),
]
RELEASE_DATE_STATUSES: list[tuple[str, str]] = [  # estimate
    ("Alpha", "An early version of the game"),
    ("Beta", "A feature-complete test version"),
    ("Early Access", "Playable while still in development"),
    ("Offline", "Servers shut down; no longer playable online"),
    ("Cancelled", "The release was cancelled"),
    ("Full Release", "The final release"),
    ("Advanced Access", "Playable early with a premium edition"),
]
NETWORK_TYPES: list[str] = [  # estimate
    "Twitter", "Facebook", "YouTube", "Twitch", "Instagram", "Discord", "Reddit", "TikTok",
    "Bluesky", "Website", "Kick", "Threads",
]  # fmt: skip
PLATFORM_FAMILIES: list[tuple[int, str, str]] = [
    (1, "PlayStation", "playstation"),
    (2, "Xbox", "xbox"),
    (3, "Sega", "sega"),
    (4, "Linux", "linux"),
    (5, "Nintendo", "nintendo"),
]
# PopScore types (igdb-api.md §4.3): (id, name, source: 121 IGDB / 1 Steam).
POPULARITY_TYPES: list[tuple[int, str, int]] = [
    (1, "Visits", 121),
    (2, "Want to Play", 121),
    (3, "Playing", 121),
    (4, "Played", 121),
    (5, "24hr Peak Players", 1),
    (6, "Positive Reviews", 1),
    (7, "Negative Reviews", 1),
    (8, "Total Reviews", 1),
]
LANGUAGES: list[tuple[str, str, str]] = [  # (name, native name, locale)
    ("Arabic", "العربية", "ar"),
    ("Chinese (Simplified)", "简体中文", "zh-CN"),
    ("Chinese (Traditional)", "繁體中文", "zh-TW"),
    ("Czech", "čeština", "cs-CZ"),
    ("Danish", "Dansk", "da-DK"),
    ("Dutch", "Nederlands", "nl-NL"),
    ("English", "English (US)", "en-US"),
    ("English (UK)", "English (UK)", "en-GB"),
    ("Spanish (Spain)", "Español (España)", "es-ES"),
    ("Spanish (Mexico)", "Español (Mexico)", "es-MX"),
    ("Finnish", "Suomi", "fi-FI"),
    ("French", "Français", "fr-FR"),
    ("Hebrew", "עברית", "he-IL"),
    ("Hungarian", "Magyar", "hu-HU"),
    ("Italian", "Italiano", "it-IT"),
    ("Japanese", "日本語", "ja-JP"),
    ("Korean", "한국어", "ko-KR"),
    ("Norwegian", "Norsk", "nb-NO"),
    ("Polish", "Polski", "pl-PL"),
    ("Portuguese (Portugal)", "Português (Portugal)", "pt-PT"),
    ("Portuguese (Brazil)", "Português (Brasil)", "pt-BR"),
    ("Russian", "Русский", "ru-RU"),
    ("Swedish", "Svenska", "sv-SE"),
    ("Turkish", "Türkçe", "tr-TR"),
    ("Thai", "ไทย", "th-TH"),
    ("Vietnamese", "Tiếng Việt", "vi-VN"),
    ("German", "Deutsch", "de-DE"),
    ("Ukrainian", "Українська", "uk-UA"),
]

# Well-known platforms with their IGDB ids; the rest of the 220 are filled with plausible
# names at unused ids (count known: 220, igdb-api.md §5).
PLATFORMS: list[tuple[int, str, str, int]] = [  # (id, name, abbreviation, platform_type)
    (3, "Linux", "Linux", 4),
    (4, "Nintendo 64", "N64", 1),
    (5, "Wii", "Wii", 1),
    (6, "PC (Microsoft Windows)", "PC", 4),
    (7, "PlayStation", "PS1", 1),
    (8, "PlayStation 2", "PS2", 1),
    (9, "PlayStation 3", "PS3", 1),
    (11, "Xbox", "XBOX", 1),
    (12, "Xbox 360", "X360", 1),
    (13, "DOS", "DOS", 4),
    (14, "Mac", "Mac", 4),
    (15, "Commodore C64/128/MAX", "C64", 6),
    (16, "Amiga", "Amiga", 6),
    (18, "Nintendo Entertainment System", "NES", 1),
    (19, "Super Nintendo Entertainment System", "SNES", 1),
    (20, "Nintendo DS", "NDS", 5),
    (21, "Nintendo GameCube", "NGC", 1),
    (22, "Game Boy Color", "GBC", 5),
    (23, "Dreamcast", "DC", 1),
    (24, "Game Boy Advance", "GBA", 5),
    (25, "Amstrad CPC", "CPC", 6),
    (26, "ZX Spectrum", "ZXS", 6),
    (27, "MSX", "MSX", 6),
    (29, "Sega Mega Drive/Genesis", "Genesis/MegaDrive", 1),
    (30, "Sega 32X", "Sega32", 1),
    (32, "Sega Saturn", "Saturn", 1),
    (33, "Game Boy", "GB", 5),
    (34, "Android", "Android", 4),
    (35, "Sega Game Gear", "Game Gear", 5),
    (37, "Nintendo 3DS", "3DS", 5),
    (38, "PlayStation Portable", "PSP", 5),
    (39, "iOS", "iOS", 4),
    (41, "Wii U", "WiiU", 1),
    (46, "PlayStation Vita", "Vita", 5),
    (48, "PlayStation 4", "PS4", 1),
    (49, "Xbox One", "XONE", 1),
    (50, "3DO Interactive Multiplayer", "3DO", 1),
    (52, "Arcade", "Arcade", 2),
    (59, "Atari 2600", "Atari2600", 1),
    (64, "Sega Master System/Mark III", "SMS", 1),
    (75, "Apple II", "Apple][", 6),
    (82, "Web browser", "Browser", 3),
    (86, "TurboGrafx-16/PC Engine", "TurboGrafx16", 1),
    (92, "SteamOS", "steam", 4),
    (130, "Nintendo Switch", "Switch", 1),
    (163, "SteamVR", "Steam VR", 3),
    (165, "PlayStation VR", "PSVR", 1),
    (167, "PlayStation 5", "PS5", 1),
    (169, "Xbox Series X|S", "Series X|S", 1),
    (170, "Google Stadia", "Stadia", 3),
    (390, "PlayStation VR2", "PSVR2", 1),
    (471, "Meta Quest 3", "Quest 3", 1),
    (508, "Nintendo Switch 2", "Switch 2", 1),
]
PLATFORM_BRANDS = [
    "Atari", "Sega", "Nintendo", "Sony", "NEC", "SNK", "Bandai", "Commodore", "Acorn",
    "Tandy", "Philips", "Casio", "Sharp", "Fujitsu", "Tiger", "Mattel", "Coleco", "Magnavox",
    "Panasonic", "Epoch", "Watara", "Hudson", "Texas Instruments", "Oric", "Thomson",
]  # fmt: skip
PLATFORM_MODELS = [
    "Jaguar", "Lynx", "Pico", "Neo Geo", "WonderSwan", "Vectrex", "Odyssey", "CD-i",
    "Intellivision", "ColecoVision", "Super Cassette Vision", "Game.com", "Supervision",
    "FM Towns", "X68000", "PC-88", "PC-98", "BBC Micro", "Electron", "Dragon 32", "TI-99/4A",
    "MO5", "Pocket", "Advanced", "Portable", "Mini", "Plus", "Pro", "Arcade System Board",
]  # fmt: skip

# --- word pools for generated names and text -------------------------------------------------

ADJECTIVES = [
    "Super", "Final", "Dark", "Eternal", "Crimson", "Silent", "Infinite", "Lost", "Forgotten",
    "Hidden", "Wild", "Mighty", "Cosmic", "Shadow", "Iron", "Golden", "Frozen", "Burning",
    "Ancient", "Neon", "Savage", "Brave", "Little", "Grand", "Hyper", "Mega", "Ultra", "Royal",
    "Broken", "Endless", "Sacred", "Quantum", "Pixel", "Retro", "Galactic", "Mystic", "Rogue",
    "Twin", "Last", "First", "Red", "Blue", "Green", "Black", "White", "Silver", "Steel",
]  # fmt: skip
NOUNS = [
    "Quest", "Legend", "Fantasy", "Kingdom", "Warriors", "Knight", "Dragon", "Racer", "Tactics",
    "Chronicles", "Odyssey", "Saga", "Frontier", "Empire", "Galaxy", "Dungeon", "Hero",
    "Runner", "Fighter", "Souls", "Tales", "Island", "Horizon", "Realm", "Storm", "Blade",
    "Hunter", "Ninja", "Pirates", "Legacy", "Arena", "Rift", "Citadel", "Valley", "Station",
    "Protocol", "Drift", "Colony", "Heist", "Garden", "Circuit", "Symphony", "Escape", "Outpost",
]  # fmt: skip
SUBTITLES = [
    "Reborn", "The Awakening", "Origins", "Revolution", "Remastered", "Definitive Edition",
    "Director's Cut", "Gold Edition", "Rise of the Fallen", "Into the Void", "Second Strike",
    "The Lost Age", "Beyond", "Deluxe", "Anniversary Edition", "Episode One", "Season Two",
    "Game of the Year Edition", "HD", "Complete Edition",
]  # fmt: skip
# Non-ASCII titles with the transliteration IGDB would use for the slug.
UNICODE_TITLES: list[tuple[str, str]] = [
    ("ドラゴンの伝説", "doragon-no-densetsu"),
    ("勇者の冒険", "yuusha-no-bouken"),
    ("星のカービィ物語", "hoshi-no-kirby-monogatari"),
    ("魔界戦記", "makai-senki"),
    ("零 ～月蝕の仮面～", "zero-gesshoku-no-kamen"),  # noqa: RUF001 - the real title
    ("仙剑奇侠传", "xian-jian-qi-xia-zhuan"),
    ("천년의 전설", "cheonnyeonui-jeonseol"),
    ("Pokémon Café Mix", "pokemon-cafe-mix"),
    ("Légende d'Éternité", "legende-d-eternite"),
    ("Über Straße", "uber-strasse"),
    ("Señor Aventura", "senor-aventura"),
    ("Cañón Zürich", "canon-zurich"),
    ("Œuvre Noire", "oeuvre-noire"),
    ("Ōkami Tōge", "okami-toge"),
    ("Space Cats 🚀", "space-cats"),
    ("Dragon Hoard 🐉", "dragon-hoard"),
    ("Ghost Party 👻🎉", "ghost-party"),
    ("Крепость", "krepost"),
    ("Ελληνική Οδύσσεια", "elliniki-odysseia"),
    ("Ηλιος Αρένα", "ilios-arena"),
]
FIRST_NAMES = [
    "Aria", "Kai", "Luna", "Marco", "Yuki", "Sven", "Amara", "Diego", "Mei", "Olaf", "Zoe",
    "Ravi", "Ingrid", "Hiro", "Nadia", "Felix", "Sora", "Iris", "Leon", "Freya", "Kenji",
    "Aurélie", "Björn", "Zoë", "José", "Chloé", "Søren",
]  # fmt: skip
LAST_NAMES = [
    "Stormborn", "Valentine", "Nakamura", "Ironside", "Blackwood", "Redfield", "Kurosawa",
    "Silverhand", "Ashford", "Kowalski", "Moreau", "Okafor", "Lindqvist", "Dubois", "Ferreira",
    "Müller", "Østergaard", "Sánchez",
]  # fmt: skip
CJK_CHARACTER_NAMES: list[tuple[str, str]] = [
    ("山田 太郎", "yamada-taro"),
    ("李 小龙", "li-xiaolong"),
    ("김 민준", "kim-minjun"),
    ("佐藤 花子", "sato-hanako"),
]
COMPANY_PREFIXES = [
    "Red", "Blue", "Night", "Sun", "Moon", "Star", "Pixel", "Iron", "Crystal", "Thunder",
    "Silver", "Golden", "Quantum", "Arc", "Nova", "Echo", "Rocket", "Paper", "Clockwork",
    "Northern", "Hidden", "Brave", "Mad", "Happy", "Lucky",
]  # fmt: skip
COMPANY_SUFFIXES = [
    "Games", "Studios", "Interactive", "Entertainment", "Software", "Digital", "Works", "Labs",
    "Productions", "Soft", "Media", "Publishing", "Co., Ltd.", "GmbH", "S.A.", "Inc.", "AB",
]  # fmt: skip
KEYWORD_WORDS = [
    "steampunk", "world war 2", "time travel", "zombies", "robots", "pirates", "ninjas",
    "procedural generation", "permadeath", "crafting", "base building", "dragons", "magic",
    "cyberpunk", "post-apocalyptic", "female protagonist", "boss fight", "couch co-op",
    "pixel art", "open world", "roguelike", "metroidvania", "deckbuilding", "city builder",
    "stealth kill", "bullet hell", "dating sim", "farming", "fishing", "space combat",
]  # fmt: skip
SENTENCE_START = [
    "Embark on an epic journey", "Build your own empire", "Explore a vast open world",
    "Fight your way through hordes of enemies", "Solve fiendish puzzles",
    "Race against the clock", "Lead your squad to victory", "Uncover the secrets",
    "Survive the night", "Craft, trade and explore", "Rise from humble beginnings",
    "Command mighty fleets", "Relive the legendary adventure",
]  # fmt: skip
SENTENCE_MIDDLE = [
    "across a shattered kingdom", "in a world torn apart by war", "beneath the neon skyline",
    "through procedurally generated dungeons", "on a distant frontier planet",
    "in the heart of the ancient forest", "among the stars", "inside a haunted mansion",
    "through the ruins of a lost civilisation", "in feudal Japan", "on the streets of Paris",
]  # fmt: skip
SENTENCE_END = [
    "and discover your true destiny.", "with friends or alone.",
    "before it is too late.", "to save the world.", "— if you dare.",
    "and become a legend.", "in this critically acclaimed sequel.",
    "in stunning 4K.", "with over 100 hours of content.", "and forge unlikely alliances.",
]  # fmt: skip
ALT_NAME_COMMENTS = [
    "Acronym", "Alternative title", "Japanese title - original", "Japanese title - translated",
    "Working title", "European title", "Korean title", "Chinese title - simplified",
    "Russian title", "German title", "Abbreviation", "Stylized title",
]  # fmt: skip
EVENT_NAMES = [
    "Summer Game Fest", "Gamescom", "Tokyo Game Show", "PAX West", "PAX East", "The Game Awards",
    "Nintendo Direct", "PlayStation Showcase", "Xbox Games Showcase", "EVO", "BitSummit",
    "Day of the Devs", "Wholesome Direct", "Future Games Show", "GDC", "IndieCade",
]  # fmt: skip
TIME_ZONES = [
    "America/Los_Angeles", "Europe/Berlin", "Asia/Tokyo", "America/New_York", "Europe/London",
    "UTC", "Australia/Sydney", "Asia/Seoul",
]  # fmt: skip
HARDWARE = {
    "connectivity": ["Wi-Fi 802.11ac, Bluetooth 5.0", "Ethernet, Wi-Fi", "Link cable", "None"],
    "cpu": ["MIPS R4300i 93.75 MHz", "Custom 8-core AMD Zen 2", "ARM Cortex-A57", "Zilog Z80"],
    "graphics": ["Reality Coprocessor", "Custom RDNA 2", "NVIDIA Maxwell", "VDP"],
    "media": ["Cartridge", "Blu-ray", "DVD", "CD-ROM", "Digital distribution"],
    "memory": ["4 MB RDRAM", "16 GB GDDR6", "4 GB LPDDR4", "64 KB"],
    "os": ["Proprietary", "Orbis OS", "Horizon", "Windows"],
    "output": ["Composite video", "HDMI 2.1", "RF", "VGA"],
    "resolutions": ["320x240", "3840x2160", "1280x720", "256x224"],
    "sound": ["16-bit stereo", "Tempest 3D AudioTech", "PCM 4 channels", "FM synthesis"],
    "storage": ["825 GB SSD", "32 GB eMMC", "Memory card", "None"],
}
COUNTRY_CODES = [840, 392, 826, 250, 276, 124, 752, 616, 410, 156, 36, 76, 724, 380, 528, 643]
