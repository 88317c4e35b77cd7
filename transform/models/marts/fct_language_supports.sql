with

language_supports as (

    select * from {{ ref('stg_igdb__language_supports') }}
    where is_deleted is not true

),

languages as (

    select language_id, name, native_name, locale from {{ ref('stg_igdb__languages') }}
    where is_deleted is not true

),

support_types as (

    select language_support_type_id, name from {{ ref('stg_igdb__language_support_types') }}
    where is_deleted is not true

),

final as (

    select
        ---------- ids
        language_supports.language_support_id,
        language_supports.game_id,
        language_supports.language_id,

        ---------- strings
        languages.name as language,
        languages.native_name as language_native_name,
        languages.locale as language_locale,
        support_types.name as language_support_type,

        ---------- timestamps
        language_supports.created_at,
        language_supports.updated_at

    from language_supports
    left join languages on language_supports.language_id = languages.language_id
    left join support_types
        on language_supports.language_support_type_id = support_types.language_support_type_id

)

select * from final
