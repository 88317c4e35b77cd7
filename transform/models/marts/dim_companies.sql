with

companies as (

    select * from {{ ref('stg_igdb__companies') }}
    where is_deleted is not true

),

company_statuses as (

    select company_status_id, name as company_status from {{ ref('stg_igdb__company_statuses') }}
    where is_deleted is not true

),

date_formats as (

    select date_format_id, format from {{ ref('stg_igdb__date_formats') }}
    where is_deleted is not true

),

company_logos as (

    select company_logo_id, image_id from {{ ref('stg_igdb__company_logos') }}
    where is_deleted is not true

),

involvements as (

    select
        company_id,
        count(distinct game_id) filter (where is_developer) as developed_game_count,
        count(distinct game_id) filter (where is_publisher) as published_game_count,
        count(distinct game_id) filter (where is_porting) as ported_game_count,
        count(distinct game_id) filter (where is_supporting) as supported_game_count

    from {{ ref('stg_igdb__involved_companies') }}
    where is_deleted is not true
    group by company_id

),

final as (

    select
        ---------- ids
        companies.company_id,
        companies.parent_company_id,
        companies.changed_company_id,

        ---------- strings
        companies.name,
        companies.slug,
        parent_companies.name as parent_company_name,
        company_statuses.company_status,
        start_date_formats.format as start_date_format,
        change_date_formats.format as change_date_format,
        company_logos.image_id as logo_image_id,
        companies.description,
        companies.url,

        ---------- numerics
        companies.country_code,
        coalesce(involvements.developed_game_count, 0) as developed_game_count,
        coalesce(involvements.published_game_count, 0) as published_game_count,
        coalesce(involvements.ported_game_count, 0) as ported_game_count,
        coalesce(involvements.supported_game_count, 0) as supported_game_count,

        ---------- timestamps
        companies.start_date,
        companies.change_date,
        companies.created_at,
        companies.updated_at

    from companies
    left join companies as parent_companies
        on companies.parent_company_id = parent_companies.company_id
    left join company_statuses on companies.company_status_id = company_statuses.company_status_id
    left join date_formats as start_date_formats
        on companies.start_date_format_id = start_date_formats.date_format_id
    left join date_formats as change_date_formats
        on companies.change_date_format_id = change_date_formats.date_format_id
    left join company_logos on companies.company_logo_id = company_logos.company_logo_id
    left join involvements on companies.company_id = involvements.company_id

)

select * from final
