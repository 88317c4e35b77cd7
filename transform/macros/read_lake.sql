{#-
    The rows of one stream's lake files that this model has not loaded yet.

    `lake_source` is the stream's source (its external_location reads every file of the
    stream with a glob); `lake_files` is the ledger of lake files (stg_igdb_lake__files).
    A full build reads the stream's files through the glob; an incremental build reads
    only the ledger's files past the newest one already loaded (`lake_file_seq`), named
    one by one: DuckDB 1.5 still downloads files that a `where filename in (...)` filter
    rules out, a list of files it downloads exactly. A stream without files (yet) gives
    no rows, with the source's column types.
-#}
{% macro read_new_lake_files(lake_source, lake_files) -%}
    {%- if lake_source.external is none -%}
        {#- unit tests: dbt swaps the source for fixture rows -#}
        select * from {{ lake_source }}
    {%- elif var('igdb_baseline') -%}
        {{ read_every_lake_file(lake_source) }}
    {%- else -%}
        {%- set node = lake_source_node(lake_source) -%}
        {%- set lake_glob = node.meta.lake_url ~ '/' ~ node.name ~ '/*/*/*/*.jsonl.gz' -%}
        {%- set files = [] -%}
        {%- if execute -%}
            {%- set query -%}
                select lake_file from {{ lake_files }}
                where stream = '{{ node.name }}'
                {%- if is_incremental() %}
                    and lake_file_seq > (select coalesce(max(lake_file_seq), 0) from {{ this }})
                {%- endif %}
                order by lake_file_seq
            {%- endset -%}
            {%- set files = run_query(query).columns[0].values() | list -%}
        {%- endif -%}
        {%- if files | length == 0 -%}
            {{ no_lake_rows(node) }}
        {%- else -%}
            {%- set reader = lake_source.external -%}
            {%- if is_incremental() -%}
                {%- if ("'" ~ lake_glob ~ "'") not in reader -%}
                    {{ exceptions.raise_compiler_error(
                        'the external_location of ' ~ node.name ~ ' does not read ' ~ lake_glob
                    ) }}
                {%- endif -%}
                {%- set quoted_files = [] -%}
                {%- for file in files -%}
                    {%- do quoted_files.append("'" ~ file | replace("'", "''") ~ "'") -%}
                {%- endfor -%}
                {%- set reader = reader.replace(
                    "'" ~ lake_glob ~ "'", '[' ~ quoted_files | join(', ') ~ ']'
                ) -%}
            {%- endif -%}
            select
                lake.*,
                lake_files.lake_file_seq
            from {{ reader }} as lake
            inner join {{ lake_files }} as lake_files
                on lake.lake_file = lake_files.lake_file
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}


{#-
    The transform benchmark's baseline (var `igdb_baseline`, see dbt_project.yml): the old
    pipeline's staging, a view over every file of the stream. No ledger, so no
    `lake_file_seq`; every query of the view reads and parses the JSON again.
-#}
{% macro read_every_lake_file(lake_source) -%}
    {%- set node = lake_source_node(lake_source) -%}
    {%- set lake_glob = node.meta.lake_url ~ '/' ~ node.name ~ '/*/*/*/*.jsonl.gz' -%}
    {%- set listed = 0 -%}
    {%- if execute -%}
        {#- read_json fails on a glob that matches nothing: a stream without files is empty -#}
        {%- set query = "select count(*) from glob('" ~ lake_glob | replace("'", "''") ~ "')" -%}
        {%- set listed = run_query(query).columns[0].values()[0] -%}
    {%- endif -%}
    {%- if listed == 0 -%}
        {{ no_lake_rows(node) }}
    {%- else -%}
        select lake.*, null::bigint as lake_file_seq
        from {{ lake_source.external }} as lake
    {%- endif -%}
{%- endmacro %}


{#- No rows, with the columns (and types) of a stream's lake files. -#}
{% macro no_lake_rows(node) -%}
    select
        {%- for name, data_type in node.meta.columns.items() %}
        null::{{ data_type }} as {{ adapter.quote(name) }},
        {%- endfor %}
        null::varchar as lake_file,
        null::bigint as lake_file_seq
    where false
{%- endmacro %}


{#- The manifest node of a source relation (for its meta: lake_url, columns). -#}
{% macro lake_source_node(lake_source) -%}
    {%- for node in graph.sources.values() -%}
        {%- if node.source_name == 'igdb' and node.identifier == lake_source.identifier -%}
            {{ return(node) }}
        {%- endif -%}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error('no igdb source for ' ~ lake_source) }}
{%- endmacro %}
