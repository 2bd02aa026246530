{#
  calendar_spine(start_date, end_date): a select-list item that turns each input row
  into one row per calendar day from start_date to end_date (both included), e.g.
      select athlete_id, {{ calendar_spine('first_day', 'last_day') }} as activity_date from bounds
  The caller keeps start_date <= end_date: Databricks rejects a reversed sequence.
#}
{% macro duckdb__calendar_spine(start_date, end_date) -%}
    cast(unnest(generate_series(cast({{ start_date }} as date), cast({{ end_date }} as date), interval 1 day)) as date)
{%- endmacro %}

{% macro databricks__calendar_spine(start_date, end_date) -%}
    explode(sequence(cast({{ start_date }} as date), cast({{ end_date }} as date), interval 1 day))
{%- endmacro %}
