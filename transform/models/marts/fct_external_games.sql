with

external_games as (

    select * from {{ ref('stg_igdb__external_games') }}
    where is_deleted is not true

),

sources as (

    select external_game_source_id, name from {{ ref('stg_igdb__external_game_sources') }}
    where is_deleted is not true

),

release_formats as (

    select game_release_format_id, format from {{ ref('stg_igdb__game_release_formats') }}
    where is_deleted is not true

),

final as (

    select
        ---------- ids
        external_games.external_game_id,
        external_games.game_id,
        external_games.platform_id,

        ---------- strings
        sources.name as external_game_source,
        release_formats.format as game_release_format,
        external_games.uid,
        external_games.name,
        external_games.url,

        ---------- numerics
        external_games.year,

        ---------- number lists
        external_games.country_codes,

        ---------- timestamps
        external_games.created_at,
        external_games.updated_at

    from external_games
    left join sources
        on external_games.external_game_source_id = sources.external_game_source_id
    left join release_formats
        on external_games.game_release_format_id = release_formats.game_release_format_id

)

select * from final
