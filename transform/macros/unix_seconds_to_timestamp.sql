{#- IGDB timestamps are unix seconds (negative before 1970) → timestamp with time zone. -#}
{% macro unix_seconds_to_timestamp(column_name) -%}
    to_timestamp({{ column_name }})
{%- endmacro %}
