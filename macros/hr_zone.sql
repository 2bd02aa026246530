{#
  hr_zone(heart_rate, hr_max): heart-rate zone 1..5 by % of hr_max, lower bounds
  included: 1 below 60 %, 2 from 60 %, 3 from 70 %, 4 from 80 %, 5 from 90 %.
  Null without a heart rate. Compared as hr * 100 >= hr_max * pct so that whole
  numbers on a boundary (114 of 190 = 60 %) fall in the upper zone exactly.
#}
{% macro hr_zone(heart_rate, hr_max) -%}
    case
            when {{ heart_rate }} is null or {{ hr_max }} is null then null
            when {{ heart_rate }} * 100 >= {{ hr_max }} * 90 then 5
            when {{ heart_rate }} * 100 >= {{ hr_max }} * 80 then 4
            when {{ heart_rate }} * 100 >= {{ hr_max }} * 70 then 3
            when {{ heart_rate }} * 100 >= {{ hr_max }} * 60 then 2
            else 1
        end
{%- endmacro %}
