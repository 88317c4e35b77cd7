{#- Unit-test rows for a lake source: typed as the source reads them, absent keys null. -#}
{% macro lake_fixture(stream, rows) -%}
    {%- for row in rows %}
    select
        {%- for name, data_type in igdb_lake_columns(stream).items() %}
        {{ sql_literal(row.get(name)) }}::{{ data_type }} as {{ adapter.quote(name) }},
        {%- endfor %}
        {{ sql_literal(row.get('lake_file', 'lake/file.jsonl.gz')) }} as lake_file,
        {{ sql_literal(row.get('lake_file_seq', 1)) }}::bigint as lake_file_seq
    {%- if not loop.last %}
    union all
    {%- endif -%}
    {%- endfor %}
{%- endmacro %}


{#- A Python value from a fixture as a SQL literal (lists become DuckDB lists). -#}
{% macro sql_literal(value) -%}
    {%- if value is none -%} null
    {%- elif value is sameas true -%} true
    {%- elif value is sameas false -%} false
    {%- elif value is string -%} '{{ value | replace("'", "''") }}'
    {%- elif value is number -%} {{ value }}
    {%- else -%} [{% for item in value %}{{ sql_literal(item) }}{{ ", " if not loop.last }}{% endfor %}]
    {%- endif -%}
{%- endmacro %}
