{#
  exact_window_avg(expr, window): avg(expr) over the named window, the same on every run.
  A window frame with tied order keys (a range frame over days holding several rows per
  day) meets its rows in whatever order the threads sorted them, and a double average
  then changes in its last bits between two builds. The sum is taken as decimal(38, 15),
  which is exact, so the order cannot matter (see exact_sum).
#}
{% macro exact_window_avg(expr, window) -%}
    cast(sum(cast({{ expr }} as decimal(38, 15))) over {{ window }} as double) / nullif(count({{ expr }}) over {{ window }}, 0)
{%- endmacro %}
