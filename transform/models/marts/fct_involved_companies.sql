with

involved_companies as (

    select * from {{ ref('stg_igdb__involved_companies') }}
    where is_deleted is not true

),

final as (

    select
        ---------- ids
        involved_company_id,
        game_id,
        company_id,

        ---------- booleans
        coalesce(is_developer, false) as is_developer,
        coalesce(is_publisher, false) as is_publisher,
        coalesce(is_porting, false) as is_porting,
        coalesce(is_supporting, false) as is_supporting,

        ---------- timestamps
        created_at,
        updated_at

    from involved_companies

)

select * from final
