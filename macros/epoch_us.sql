{#
  epoch_us(timestamp_expr): microseconds since 1970-01-01 00:00:00 UTC, a bigint.
  Windows over "the N days before an activity" order by it, so they are exact to the
  microsecond on both engines.
#}
{% macro duckdb__epoch_us(timestamp_expr) -%}
    epoch_us({{ timestamp_expr }})
{%- endmacro %}

{% macro databricks__epoch_us(timestamp_expr) -%}
    unix_micros({{ timestamp_expr }})
{%- endmacro %}
