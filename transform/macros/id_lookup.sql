{#-
    A one-row lookup of `key` → `name_column` as a DuckDB map, for small tables (genres,
    platforms…): `names_of` turns a list of ids into their names with it, in the list's
    order, without unnesting and regrouping the list. Records IGDB deleted are left out.
-#}
{% macro id_lookup(relation, key, name_column='name') -%}
    select map_from_entries(list(({{ key }}, {{ name_column }}))) as names
    from {{ relation }}
    where is_deleted is not true
{%- endmacro %}


{#- The names of a list of ids (see id_lookup); ids the lookup lacks drop out. -#}
{% macro names_of(ids, lookup) -%}
    list_filter(list_transform({{ ids }}, id -> {{ lookup }}.names[id]), name -> name is not null)
{%- endmacro %}
