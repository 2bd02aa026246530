{# date_add(date_expr, days): the date `days` days after `date_expr` (days may be negative). #}
{% macro duckdb__date_add(date_expr, days) -%}
    cast({{ date_expr }} + cast({{ days }} as integer) as date)
{%- endmacro %}

{% macro databricks__date_add(date_expr, days) -%}
    date_add({{ date_expr }}, cast({{ days }} as int))
{%- endmacro %}
