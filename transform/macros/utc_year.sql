{#-
    The calendar year of a timestamp with time zone, in UTC whatever the session's time zone.
    Through epoch microseconds: `at time zone 'UTC'` goes through ICU, ten times slower.
-#}
{% macro utc_year(column_name) -%}
    year(make_timestamp(epoch_us({{ column_name }})))
{%- endmacro %}
