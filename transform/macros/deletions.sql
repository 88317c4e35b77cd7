{#-
    Deleted records, from tap-igdb's `id_sweeps` stream (staged in stg_igdb__id_sweeps).

    A sweep lists every id of an endpoint, one id window at a time: an id in
    (after_id, until_id] that the window does not list was deleted from IGDB. The rule:

    - only the newest sweep whose windows cover an id decides (IGDB never reuses an id, so
      an id a newer sweep lists is live whatever an older one said, and one it misses is
      gone);
    - an id no window covers (an endpoint never swept, a sweep cut short) is not judged: it
      is live;
    - a sweep reaches no further than the highest id it listed. tap-igdb's windows may end
      past it (windows planned before the highest id is known; see tap_igdb.paging), but
      IGDB gives new records ids above every existing one, so an id above the highest a
      sweep listed may belong to a record created after it, which it cannot judge.

    The verdict is a function of the set of windows and the id alone, so a build ends where
    a full refresh does whatever order sweeps and records arrive in.
-#}


{#- Each window's reach: its ids up to the highest its sweep listed; windows past that go. -#}
{% macro sweep_reach(windows) -%}
    select endpoint, swept_at, after_id, least(until_id, highest_listed) as until_id
    from (
        select
            endpoint,
            swept_at,
            after_id,
            until_id,
            max(list_max(record_ids)) over (partition by endpoint, swept_at) as highest_listed
        from {{ windows }}
    ) as windows
    where after_id < highest_listed
{%- endmacro %}


{#- The id ranges each sweep covers: the reach of its windows, merged where one ends where the
    next starts. -#}
{% macro sweep_coverage(windows) -%}
    select endpoint, swept_at, min(after_id) as after_id, max(until_id) as until_id
    from (
        select
            *,
            count(*) filter (where starts_range) over (
                partition by endpoint, swept_at order by after_id rows unbounded preceding
            ) as range_number
        from (
            select
                endpoint,
                swept_at,
                after_id,
                until_id,
                after_id is distinct from lag(until_id) over (
                    partition by endpoint, swept_at order by after_id
                ) as starts_range
            from ({{ sweep_reach(windows) }}) as reach
        ) as windows
    ) as numbered
    group by endpoint, swept_at, range_number
{%- endmacro %}


{#-
    `relation` (the model's new rows, one per `key`) with `is_deleted` added, per the rule
    above, from the windows of `endpoint` in `id_sweeps`.

    Incremental builds also judge every row already loaded, and return those whose verdict
    changed (a sweep since found them missing), so that delete+insert rewrites just those
    rows. Each id is placed in the newest sweep covering it by cutting the id line at every
    bound of every sweep's coverage (a handful of pieces: superseded windows are pruned from
    stg_igdb__id_sweeps), then looked up among the ids that sweep listed.
-#}
{% macro flag_deleted(relation, key, id_sweeps, endpoint) -%}
    {#- A table built before deletions were tracked has no verdicts to revise: the build
        then stops at dbt's schema check (on_schema_change: fail), which asks for the one
        --full-refresh that adds the column. (In a unit test `this` names the fixture.) -#}
    {%- set loaded_columns = [] -%}
    {%- if execute and is_incremental() and this is not string -%}
        {%- set loaded_columns = adapter.get_columns_in_relation(this)
            | map(attribute='name') | list -%}
    {%- endif -%}
    {%- set judge_loaded = is_incremental()
        and (this is string or 'is_deleted' in loaded_columns) -%}
    with

    windows as (

        select endpoint, swept_at, after_id, until_id, record_ids
        from {{ id_sweeps }}
        where endpoint = '{{ endpoint }}'

    ),

    coverage as (

        {{ sweep_coverage('windows') }}

    ),

    bounds as (

        select after_id as bound from coverage
        union
        select until_id from coverage

    ),

    pieces as (

        select bound as after_id, lead(bound) over (order by bound) as until_id
        from bounds

    ),

    -- each piece of the id line belongs to the newest sweep that covers it
    owners as (

        select pieces.after_id, pieces.until_id, max(coverage.swept_at) as swept_at
        from pieces
        inner join coverage
            on coverage.after_id <= pieces.after_id and pieces.until_id <= coverage.until_id
        group by pieces.after_id, pieces.until_id

    ),

    listed as (

        select swept_at, unnest(record_ids) as {{ key }}
        from windows

    ),

    candidates as (

        select {{ key }} from {{ relation }}
        {%- if judge_loaded %}
        union
        select {{ key }} from {{ this }}
        {%- endif %}

    ),

    judged as (

        -- a piece holds ids after_id < id <= until_id; written as differences so that
        -- DuckDB loops over the few pieces instead of sorting every id for a range join
        select candidates.{{ key }}, owners.swept_at
        from candidates
        inner join owners
            on (candidates.{{ key }} - owners.after_id) > 0
            and (owners.until_id - candidates.{{ key }}) >= 0

    ),

    deleted as (

        select {{ key }} from judged
        anti join listed using ({{ key }}, swept_at)

    )

    select
        new_rows.*,
        new_rows.{{ key }} in (select {{ key }} from deleted) as is_deleted
    from {{ relation }} as new_rows
    {%- if judge_loaded %}

    union all by name

    select
        loaded.* exclude (is_deleted),
        not loaded.is_deleted as is_deleted
    from {{ this }} as loaded
    where
        loaded.{{ key }} not in (select {{ key }} from {{ relation }})
        and loaded.is_deleted <> (loaded.{{ key }} in (select {{ key }} from deleted))
    {%- endif %}
{%- endmacro %}


{#-
    Post-hook of stg_igdb__id_sweeps: drop the windows that can no longer decide anything,
    those that reach no id (past the highest their sweep listed) and those whose reach a
    newer sweep of the endpoint covers entirely. Without this the table (and every build's
    work) would grow by a full sweep of IGDB every week.
-#}
{% macro prune_superseded_sweeps(relation) -%}
    {%- if config.get('materialized') == 'view' -%}
        {#- the transform benchmark's baseline: a view stores nothing to prune -#}
        select 1
    {%- else -%}
        delete from {{ relation }} as stored
        using (
            with

            reach as (
                {{ sweep_reach(relation) }}
            ),

            coverage as (
                {{ sweep_coverage(relation) }}
            ),

            deciding as (
                select endpoint, swept_at, after_id
                from reach
                where not exists (
                    select 1 from coverage
                    where
                        coverage.endpoint = reach.endpoint
                        and coverage.swept_at > reach.swept_at
                        and coverage.after_id <= reach.after_id
                        and reach.until_id <= coverage.until_id
                )
            )

            select endpoint, swept_at, after_id from {{ relation }}
            except
            select endpoint, swept_at, after_id from deciding
        ) as superseded
        where
            stored.endpoint = superseded.endpoint
            and stored.swept_at = superseded.swept_at
            and stored.after_id = superseded.after_id
    {%- endif -%}
{%- endmacro %}
