with

franchises as (

    select * from {{ ref('stg_igdb__franchises') }}
    where is_deleted is not true

),

franchise_games as (

    select franchise_id, count(distinct game_id) as game_count
    from {{ ref('bridge_franchises__games') }}
    group by franchise_id

),

main_franchise_games as (

    select main_franchise_id as franchise_id, count(*) as main_franchise_game_count
    from {{ ref('stg_igdb__games') }}
    where is_deleted is not true
        and main_franchise_id is not null
    group by main_franchise_id

),

final as (

    select
        ---------- ids
        franchises.franchise_id,

        ---------- strings
        franchises.name,
        franchises.slug,
        franchises.url,

        ---------- numerics
        coalesce(franchise_games.game_count, 0) as game_count,
        coalesce(main_franchise_games.main_franchise_game_count, 0) as main_franchise_game_count,

        ---------- timestamps
        franchises.created_at,
        franchises.updated_at

    from franchises
    left join franchise_games on franchises.franchise_id = franchise_games.franchise_id
    left join main_franchise_games
        on franchises.franchise_id = main_franchise_games.franchise_id

)

select * from final
