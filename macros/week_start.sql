{# week_start(date_expr): the Monday starting the ISO week of a date, as a date. #}
{% macro duckdb__week_start(date_expr) -%}
    cast(date_trunc('week', {{ date_expr }}) as date)
{%- endmacro %}

{% macro databricks__week_start(date_expr) -%}
    trunc({{ date_expr }}, 'WEEK')
{%- endmacro %}
