{#
  parse_integer(text_expr, int_type='bigint'): to_integer(parse_number(text), text),
  with a shortcut for text that is already a plain integer as the engine writes it
  (most ids): such text is cast directly, and only other text is read by the strict
  number rules. Pass trimmed text.
#}
{% macro parse_integer(text_expr, int_type='bigint') -%}
    case
            when cast(try_cast({{ text_expr }} as {{ int_type }}) as string) = {{ text_expr }}
                then try_cast({{ text_expr }} as {{ int_type }})
            else {{ to_integer(parse_number(text_expr), text_expr, int_type) }}
        end
{%- endmacro %}
