with

games as (

    select * from {{ ref('stg_igdb__games') }}
    where is_deleted is not true

),

game_types as (

    select game_type_id, type as game_type from {{ ref('stg_igdb__game_types') }}
    where is_deleted is not true

),

game_statuses as (

    select game_status_id, status as game_status from {{ ref('stg_igdb__game_statuses') }}
    where is_deleted is not true

),

main_franchises as (

    select franchise_id, name from {{ ref('stg_igdb__franchises') }}
    where is_deleted is not true

),

covers as (

    select cover_id, image_id from {{ ref('stg_igdb__covers') }}
    where is_deleted is not true

),

involved_companies as (

    select game_id, company_id, is_developer, is_publisher
    from {{ ref('stg_igdb__involved_companies') }}
    where is_deleted is not true

),

companies as (

    select company_id, name from {{ ref('stg_igdb__companies') }}
    where is_deleted is not true

),

time_to_beats as (

    select * from {{ ref('stg_igdb__game_time_to_beats') }}
    where is_deleted is not true
    -- one per game in IGDB; keep the newest should a game ever get two
    qualify row_number() over (
        partition by game_id order by updated_at desc, game_time_to_beat_id desc
    ) = 1

),

genres as (

    {{ id_lookup(ref('stg_igdb__genres'), 'genre_id') }}

),

platforms as (

    {{ id_lookup(ref('stg_igdb__platforms'), 'platform_id') }}

),

game_modes as (

    {{ id_lookup(ref('stg_igdb__game_modes'), 'game_mode_id') }}

),

themes as (

    {{ id_lookup(ref('stg_igdb__themes'), 'theme_id') }}

),

player_perspectives as (

    {{ id_lookup(ref('stg_igdb__player_perspectives'), 'player_perspective_id') }}

),

franchise_names as (

    {{ id_lookup(ref('stg_igdb__franchises'), 'franchise_id') }}

),

game_engines as (

    {{ id_lookup(ref('stg_igdb__game_engines'), 'game_engine_id') }}

),

game_companies as (

    select
        involved_companies.game_id,
        list_sort(list_distinct(
            list(companies.name) filter (where involved_companies.is_developer)
        )) as developers,
        list_sort(list_distinct(
            list(companies.name) filter (where involved_companies.is_publisher)
        )) as publishers

    from involved_companies
    inner join companies
        on involved_companies.company_id = companies.company_id

    group by involved_companies.game_id

),

final as (

    select
        ---------- ids
        games.game_id,
        games.parent_game_id,
        games.version_parent_game_id,

        ---------- strings
        games.name,
        games.slug,
        games.version_title,
        game_types.game_type,
        game_statuses.game_status,
        main_franchises.name as main_franchise,
        covers.image_id as cover_image_id,
        games.summary,
        games.url,

        ---------- string lists
        {{ names_of('games.genre_ids', 'genres') }} as genres,
        {{ names_of('games.platform_ids', 'platforms') }} as platforms,
        {{ names_of('games.game_mode_ids', 'game_modes') }} as game_modes,
        {{ names_of('games.theme_ids', 'themes') }} as themes,
        {{ names_of('games.player_perspective_ids', 'player_perspectives') }} as player_perspectives,
        game_companies.developers,
        game_companies.publishers,
        {{ names_of('games.franchise_ids', 'franchise_names') }} as franchises,
        {{ names_of('games.game_engine_ids', 'game_engines') }} as game_engines,

        ---------- numerics
        {{ utc_year('games.first_release_date') }} as first_release_year,
        games.rating,
        games.rating_count,
        games.aggregated_rating,
        games.aggregated_rating_count,
        games.total_rating,
        games.total_rating_count,
        games.hypes,
        time_to_beats.hastily_seconds as time_to_beat_hastily_seconds,
        time_to_beats.normally_seconds as time_to_beat_normally_seconds,
        time_to_beats.completely_seconds as time_to_beat_completely_seconds,
        time_to_beats.submission_count as time_to_beat_submission_count,

        ---------- timestamps
        games.first_release_date,
        games.created_at,
        games.updated_at

    from games
    left join game_types on games.game_type_id = game_types.game_type_id
    left join game_statuses on games.game_status_id = game_statuses.game_status_id
    left join main_franchises on games.main_franchise_id = main_franchises.franchise_id
    left join covers on games.cover_id = covers.cover_id
    left join time_to_beats on games.game_id = time_to_beats.game_id
    left join game_companies on games.game_id = game_companies.game_id
    -- one-row lookups (see id_lookup)
    cross join genres
    cross join platforms
    cross join game_modes
    cross join themes
    cross join player_perspectives
    cross join franchise_names
    cross join game_engines
)

select * from final
