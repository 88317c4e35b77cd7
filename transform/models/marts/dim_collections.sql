with

collections as (

    select * from {{ ref('stg_igdb__collections') }}
    where is_deleted is not true

),

collection_types as (

    select collection_type_id, name as collection_type from {{ ref('stg_igdb__collection_types') }}
    where is_deleted is not true

),

collection_games as (

    select collection_id, count(distinct game_id) as game_count
    from {{ ref('bridge_collections__games') }}
    group by collection_id

),

relations as (

    select child_collection_id, parent_collection_id
    from {{ ref('stg_igdb__collection_relations') }}
    where is_deleted is not true

),

parents as (

    select child_collection_id as collection_id, count(*) as parent_collection_count
    from relations
    group by child_collection_id

),

children as (

    select parent_collection_id as collection_id, count(*) as child_collection_count
    from relations
    group by parent_collection_id

),

final as (

    select
        ---------- ids
        collections.collection_id,

        ---------- strings
        collections.name,
        collections.slug,
        collection_types.collection_type,
        collections.url,

        ---------- numerics
        coalesce(collection_games.game_count, 0) as game_count,
        coalesce(parents.parent_collection_count, 0) as parent_collection_count,
        coalesce(children.child_collection_count, 0) as child_collection_count,

        ---------- timestamps
        collections.created_at,
        collections.updated_at

    from collections
    left join collection_types
        on collections.collection_type_id = collection_types.collection_type_id
    left join collection_games on collections.collection_id = collection_games.collection_id
    left join parents on collections.collection_id = parents.collection_id
    left join children on collections.collection_id = children.collection_id

)

select * from final
