with

websites as (

    select * from {{ ref('stg_igdb__websites') }}
    where is_deleted is not true

),

website_types as (

    select website_type_id, type as website_type from {{ ref('stg_igdb__website_types') }}
    where is_deleted is not true

),

final as (

    select
        ---------- ids
        websites.website_id,
        websites.game_id,

        ---------- strings
        website_types.website_type,
        websites.url,

        ---------- booleans
        coalesce(websites.is_trusted, false) as is_trusted

    from websites
    left join website_types on websites.website_type_id = website_types.website_type_id

)

select * from final
