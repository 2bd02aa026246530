{#
  exact_window_slope(y, x, window): regr_slope(y, x) over the named window (least-squares
  slope of y on x over the rows where y is not null), the same on every run: the sums
  n*sum(xy) - sum(x)*sum(y) and n*sum(x*x) - sum(x)^2 are exact (y as decimal(38, 15), x a
  whole number), so the order in which a frame with tied order keys meets its rows cannot
  change the result. Null with fewer than two distinct x.
#}
{% macro exact_window_slope(y, x, window) -%}
    cast(
        count({{ y }}) over {{ window }} * sum(cast({{ y }} as decimal(38, 15)) * {{ x }}) over {{ window }}
        - sum(case when {{ y }} is not null then {{ x }} end) over {{ window }} * sum(cast({{ y }} as decimal(38, 15))) over {{ window }}
        as double
    ) / nullif(
        cast(
            count({{ y }}) over {{ window }} * sum(case when {{ y }} is not null then {{ x }} * {{ x }} end) over {{ window }}
            - sum(case when {{ y }} is not null then {{ x }} end) over {{ window }} * sum(case when {{ y }} is not null then {{ x }} end) over {{ window }}
            as double
        ),
        0
    )
{%- endmacro %}
