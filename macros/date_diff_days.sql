{# date_diff_days(start_date, end_date): whole calendar days from start_date to end_date (end - start). #}
{% macro duckdb__date_diff_days(start_date, end_date) -%}
    date_diff('day', {{ start_date }}, {{ end_date }})
{%- endmacro %}

{% macro databricks__date_diff_days(start_date, end_date) -%}
    datediff({{ end_date }}, {{ start_date }})
{%- endmacro %}
