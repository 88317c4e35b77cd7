with

game_engines as (

    select * from {{ ref('stg_igdb__game_engines') }}
    where is_deleted is not true

),

logos as (

    select game_engine_logo_id, image_id from {{ ref('stg_igdb__game_engine_logos') }}
    where is_deleted is not true

),

engine_games as (

    select game_engine_id, count(distinct game_id) as game_count
    from {{ ref('bridge_games__game_engines') }}
    group by game_engine_id

),

final as (

    select
        ---------- ids
        game_engines.game_engine_id,

        ---------- strings
        game_engines.name,
        game_engines.slug,
        logos.image_id as logo_image_id,
        game_engines.description,
        game_engines.url,

        ---------- numerics
        coalesce(engine_games.game_count, 0) as game_count,
        coalesce(len(game_engines.company_ids), 0) as company_count,
        coalesce(len(game_engines.platform_ids), 0) as platform_count,

        ---------- timestamps
        game_engines.created_at,
        game_engines.updated_at

    from game_engines
    left join logos on game_engines.game_engine_logo_id = logos.game_engine_logo_id
    left join engine_games on game_engines.game_engine_id = engine_games.game_engine_id

)

select * from final
