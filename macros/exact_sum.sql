{#
  exact_sum(expr): the sum of a double column as a double, the same on every run.
  A plain sum of doubles in a parallel GROUP BY adds the values in whatever order
  the threads meet them, so the last bits of a total can change between two builds
  of the same data. Summing as decimal(38, 15) is exact, so the order cannot matter;
  each value is rounded once to 15 decimals (1e-15 absolute), far below any feature's
  precision.
#}
{% macro exact_sum(expr) -%}
    cast(sum(cast({{ expr }} as decimal(38, 15))) as double)
{%- endmacro %}
