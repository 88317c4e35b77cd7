{#-
    The newest version of each record in `relation`: highest `updated_at` (for streams that
    have it), then the latest extraction, then the latest lake file.

    Only ids with several versions go through the ranking window: ranking every row (dozens
    of columns, lists among them) costs more than reading the lake.

    In an incremental run the versions already loaded compete too: a new version is kept
    only if it beats the loaded one of its id, which the ranking decides on the ordering
    columns alone. Ids whose loaded version wins are left out, so delete+insert leaves their
    row alone; the table ends up exactly as a full refresh would build it.
-#}
{% macro deduplicate_versions(relation, key, has_updated_at=true) -%}
    {%- set ordering_columns = ['updated_at'] if has_updated_at else [] -%}
    {%- set ordering_columns = ordering_columns + ['extracted_at', 'lake_file_seq', 'checksum'] -%}
    {%- set ordering -%}
        {%- for column in ordering_columns -%}
            {{ column }} desc nulls last{{ ', ' if not loop.last }}
        {%- endfor -%}
    {%- endset -%}
    with

    versions as materialized (

        select * from {{ relation }}

    ),

    repeated_ids as (

        select {{ key }}
        from versions
        group by {{ key }}
        having count(*) > 1

    ),

    newest as materialized (

        select * from versions
        anti join repeated_ids using ({{ key }})

        union all

        select * from (
            select * from versions
            semi join repeated_ids using ({{ key }})
        )
        qualify row_number() over (partition by {{ key }} order by {{ ordering }}) = 1

    )

    {%- if is_incremental() %},

    contenders as (

        select {{ key }}, {{ ordering_columns | join(', ') }}, true as is_new
        from newest

        union all

        select {{ key }}, {{ ordering_columns | join(', ') }}, false as is_new
        from {{ this }}
        where {{ key }} in (select {{ key }} from newest)

    ),

    winners as (

        select {{ key }}, is_new
        from contenders
        qualify row_number() over (partition by {{ key }} order by {{ ordering }}) = 1

    )

    select * from newest
    semi join (select {{ key }} from winners where is_new) as new_winners using ({{ key }})
    {%- else %}

    select * from newest
    {%- endif %}
{%- endmacro %}
