{#-
    `relationships`, except that an id of a record IGDB deleted passes: fails on every
    non-null value of `column_name` that is neither a `field` of `to` (a mart, which holds
    live records only) nor a deleted record of `staging` (its staging model, key `field`).
    IGDB leaves references to a deleted record in place until the referring record changes.
-#}
{% test relationships_or_deleted(model, column_name, to, field, staging) %}

with

children as (

    select {{ column_name }} as id
    from {{ model }}
    where {{ column_name }} is not null

),

known as (

    select {{ field }} as id from {{ to }}
    union all
    select {{ field }} from {{ staging }} where is_deleted

)

select id from children
anti join known using (id)

{% endtest %}
