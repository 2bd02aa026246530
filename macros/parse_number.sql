{#
  parse_number(text_expr): the double written in a text value, or null when the text
  is null or is not a plain decimal number (optional sign, digits with an optional
  decimal point, optional exponent). 'nan', 'inf', hex, '12:34' and '1,5' are not
  numbers here, although one engine or the other would cast some of them. Pass
  trimmed text, e.g. {{ parse_number('trim(distance_km_text)') }}.
  isnan(x - x) is true for NaN and for both infinities (an overflow like '1e999').
#}
{% macro parse_number(text_expr) -%}
    case
            when {{ regex_match(text_expr, "'^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$'") }}
                and not isnan(try_cast({{ text_expr }} as double) - try_cast({{ text_expr }} as double))
                then try_cast({{ text_expr }} as double)
        end
{%- endmacro %}
