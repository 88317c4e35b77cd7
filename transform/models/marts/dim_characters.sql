with

characters as (

    select * from {{ ref('stg_igdb__characters') }}
    where is_deleted is not true

),

genders as (

    select character_gender_id, name as gender from {{ ref('stg_igdb__character_genders') }}
    where is_deleted is not true

),

species as (

    select character_species_id, name as species from {{ ref('stg_igdb__character_species') }}
    where is_deleted is not true

),

mug_shots as (

    select character_mug_shot_id, image_id from {{ ref('stg_igdb__character_mug_shots') }}
    where is_deleted is not true

),

character_games as (

    select character_id, count(distinct game_id) as game_count
    from {{ ref('bridge_characters__games') }}
    group by character_id

),

final as (

    select
        ---------- ids
        characters.character_id,

        ---------- strings
        characters.name,
        characters.slug,
        genders.gender,
        species.species,
        characters.country_name,
        mug_shots.image_id as mug_shot_image_id,
        characters.description,
        characters.url,

        ---------- string lists
        characters.akas,

        ---------- numerics
        coalesce(character_games.game_count, 0) as game_count,

        ---------- timestamps
        characters.created_at,
        characters.updated_at

    from characters
    left join genders on characters.character_gender_id = genders.character_gender_id
    left join species on characters.character_species_id = species.character_species_id
    left join mug_shots on characters.character_mug_shot_id = mug_shots.character_mug_shot_id
    left join character_games on characters.character_id = character_games.character_id

)

select * from final
