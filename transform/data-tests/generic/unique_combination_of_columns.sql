{#- Fails on every combination of the columns that occurs more than once (a composite key). -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

select
    {{ combination_of_columns | join(',\n    ') }},
    count(*) as occurrences

from {{ model }}
group by all
having count(*) > 1

{% endtest %}
