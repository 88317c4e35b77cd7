with

release_dates as (

    select * from {{ ref('stg_igdb__release_dates') }}
    where is_deleted is not true

),

games as (

    select game_id, first_release_date from {{ ref('stg_igdb__games') }}
    where is_deleted is not true

),

date_formats as (

    select date_format_id, format from {{ ref('stg_igdb__date_formats') }}
    where is_deleted is not true

),

regions as (

    select release_date_region_id, region from {{ ref('stg_igdb__release_date_regions') }}
    where is_deleted is not true

),

statuses as (

    select release_date_status_id, name from {{ ref('stg_igdb__release_date_statuses') }}
    where is_deleted is not true

),

final as (

    select
        ---------- ids
        release_dates.release_date_id,
        release_dates.game_id,
        release_dates.platform_id,

        ---------- strings
        date_formats.format as date_format,
        regions.region as release_region,
        statuses.name as release_status,
        release_dates.human_readable_date,

        ---------- numerics
        release_dates.release_year,
        release_dates.release_month,

        ---------- booleans
        coalesce(release_dates.released_at = games.first_release_date, false)
            as is_first_release,

        ---------- timestamps
        release_dates.released_at,
        release_dates.created_at,
        release_dates.updated_at

    from release_dates
    left join games on release_dates.game_id = games.game_id
    left join date_formats on release_dates.date_format_id = date_formats.date_format_id
    left join regions on release_dates.release_region_id = regions.release_date_region_id
    left join statuses on release_dates.release_date_status_id = statuses.release_date_status_id

)

select * from final
