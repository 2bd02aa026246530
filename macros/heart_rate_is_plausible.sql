{#
  heart_rate_is_plausible(value): true when a heart rate lies in 25..250 bpm (bounds
  included), false outside, null when there is none. Values outside are sensor
  artefacts: staging sets them to null and records a warning.
#}
{% macro heart_rate_is_plausible(value) -%}
    ({{ value }} >= 25 and {{ value }} <= 250)
{%- endmacro %}
