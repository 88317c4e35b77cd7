with

platforms as (

    select * from {{ ref('stg_igdb__platforms') }}
    where is_deleted is not true

),

platform_types as (

    select platform_type_id, name as platform_type from {{ ref('stg_igdb__platform_types') }}
    where is_deleted is not true

),

platform_families as (

    select platform_family_id, name as platform_family
    from {{ ref('stg_igdb__platform_families') }}
    where is_deleted is not true

),

platform_logos as (

    select platform_logo_id, image_id from {{ ref('stg_igdb__platform_logos') }}
    where is_deleted is not true

),

game_platforms as (

    select platform_id, count(distinct game_id) as game_count
    from {{ ref('bridge_games__platforms') }}
    group by platform_id

),

release_dates as (

    select
        platform_id,
        count(*) as release_date_count,
        min(released_at) as first_released_at

    from {{ ref('stg_igdb__release_dates') }}
    where is_deleted is not true
        and platform_id is not null
    group by platform_id

),

final as (

    select
        ---------- ids
        platforms.platform_id,

        ---------- strings
        platforms.name,
        platforms.abbreviation,
        platforms.alternative_name,
        platforms.slug,
        platform_types.platform_type,
        platform_families.platform_family,
        platform_logos.image_id as logo_image_id,
        platforms.summary,
        platforms.url,

        ---------- numerics
        platforms.generation,
        coalesce(len(platforms.platform_version_ids), 0) as version_count,
        coalesce(game_platforms.game_count, 0) as game_count,
        coalesce(release_dates.release_date_count, 0) as release_date_count,

        ---------- timestamps
        release_dates.first_released_at,
        platforms.created_at,
        platforms.updated_at

    from platforms
    left join platform_types on platforms.platform_type_id = platform_types.platform_type_id
    left join platform_families
        on platforms.platform_family_id = platform_families.platform_family_id
    left join platform_logos on platforms.platform_logo_id = platform_logos.platform_logo_id
    left join game_platforms on platforms.platform_id = game_platforms.platform_id
    left join release_dates on platforms.platform_id = release_dates.platform_id

)

select * from final
