{#-
    Fails on every row where one of the id lists `columns` holds a null or the same id twice.
    With the model's key tested unique, this makes each bridge's (parent, child) pair a key
    without re-reading the unnested bridge.
-#}
{% test clean_id_lists(model, columns) %}

{% for column in columns %}
select '{{ column }}' as id_list, {{ column }} as ids
from {{ model }}
where len(list_distinct({{ column }})) <> len({{ column }})
{% if not loop.last %}
union all
{% endif %}
{% endfor %}

{% endtest %}
