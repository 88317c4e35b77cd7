with

primitives as (

    select * from {{ ref('stg_igdb__popularity_primitives') }}
    where is_deleted is not true

),

popularity_types as (

    select popularity_type_id, name from {{ ref('stg_igdb__popularity_types') }}
    where is_deleted is not true

),

sources as (

    select external_game_source_id, name from {{ ref('stg_igdb__external_game_sources') }}
    where is_deleted is not true

),

final as (

    select
        ---------- ids
        primitives.popularity_primitive_id,
        primitives.game_id,

        ---------- strings
        popularity_types.name as popularity_type,
        sources.name as popularity_source,

        ---------- numerics
        primitives.value,

        ---------- timestamps
        primitives.calculated_at,
        primitives.created_at,
        primitives.updated_at

    from primitives
    left join popularity_types
        on primitives.popularity_type_id = popularity_types.popularity_type_id
    left join sources
        on primitives.external_popularity_source_id = sources.external_game_source_id

)

select * from final
