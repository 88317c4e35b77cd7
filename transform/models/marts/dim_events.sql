with

events as (

    select * from {{ ref('stg_igdb__events') }}
    where is_deleted is not true

),

event_logos as (

    select event_logo_id, image_id from {{ ref('stg_igdb__event_logos') }}
    where is_deleted is not true

),

networks as (

    select
        bridge.event_id,
        list(event_networks.url order by bridge.position) as network_urls

    from {{ ref('bridge_events__event_networks') }} as bridge
    inner join {{ ref('stg_igdb__event_networks') }} as event_networks
        on bridge.event_network_id = event_networks.event_network_id
        and event_networks.is_deleted is not true

    group by bridge.event_id

),

final as (

    select
        ---------- ids
        events.event_id,

        ---------- strings
        events.name,
        events.slug,
        events.time_zone,
        event_logos.image_id as logo_image_id,
        events.live_stream_url,
        events.description,

        ---------- string lists
        networks.network_urls,

        ---------- numerics
        coalesce(len(events.game_ids), 0) as game_count,
        coalesce(len(events.game_video_ids), 0) as video_count,

        ---------- timestamps
        events.start_time,
        events.end_time,
        events.created_at,
        events.updated_at

    from events
    left join event_logos on events.event_logo_id = event_logos.event_logo_id
    left join networks on events.event_id = networks.event_id

)

select * from final
