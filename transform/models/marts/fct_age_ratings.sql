with

age_ratings as (

    select * from {{ ref('stg_igdb__age_ratings') }}
    where is_deleted is not true

),

organizations as (

    select age_rating_organization_id, name from {{ ref('stg_igdb__age_rating_organizations') }}
    where is_deleted is not true

),

categories as (

    select age_rating_category_id, rating from {{ ref('stg_igdb__age_rating_categories') }}
    where is_deleted is not true

),

-- age ratings do not name their game: the game lists them (games.age_ratings)
rated_games as (

    select age_rating_id, min(game_id) as game_id
    from {{ ref('bridge_games__age_ratings') }}
    group by age_rating_id

),

descriptions as (

    select
        bridge.age_rating_id,
        list(descriptions.description order by bridge.position) as content_descriptions

    from {{ ref('bridge_age_ratings__rating_content_descriptions') }} as bridge
    inner join {{ ref('stg_igdb__age_rating_content_descriptions_v2') }} as descriptions
        on bridge.rating_content_description_id
            = descriptions.age_rating_content_description_v2_id
        and descriptions.is_deleted is not true

    group by bridge.age_rating_id

),

final as (

    select
        ---------- ids
        age_ratings.age_rating_id,
        rated_games.game_id,

        ---------- strings
        organizations.name as age_rating_organization,
        categories.rating as age_rating_category,
        age_ratings.synopsis,
        age_ratings.rating_cover_url,

        ---------- string lists
        descriptions.content_descriptions

    from age_ratings
    left join rated_games on age_ratings.age_rating_id = rated_games.age_rating_id
    left join organizations
        on age_ratings.age_rating_organization_id = organizations.age_rating_organization_id
    left join categories on age_ratings.age_rating_category_id = categories.age_rating_category_id
    left join descriptions on age_ratings.age_rating_id = descriptions.age_rating_id

)

select * from final
