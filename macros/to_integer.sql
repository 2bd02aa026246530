{#
  to_integer(number_expr, text_expr, int_type='bigint'): the integer a parsed number
  stands for, or null when it has a fraction or does not fit int_type ('bigint' or
  'int'). '100', '100.0' and '1e2' are all 100; '1.5' is null. number_expr is the
  parse_number() of text_expr; the text is cast directly when it can be, so ids
  beyond 2^53 keep every digit.
#}
{% macro to_integer(number_expr, text_expr, int_type='bigint') -%}
{%- set limit = '9.223372036854775808e18' if int_type == 'bigint' else '2147483648' -%}
    case
            when {{ number_expr }} = round({{ number_expr }})
                and {{ number_expr }} >= -{{ limit }}
                and {{ number_expr }} < {{ limit }}
                then coalesce(try_cast({{ text_expr }} as {{ int_type }}), try_cast({{ number_expr }} as {{ int_type }}))
        end
{%- endmacro %}
