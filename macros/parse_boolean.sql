{# parse_boolean(expr): true/false from the words exports use (true, t, yes, y, 1 / false, f, no, n, 0), else null. #}
{% macro default__parse_boolean(expr) -%}
    case
        when lower(trim(cast({{ expr }} as string))) in ('true', 't', 'yes', 'y', '1') then true
        when lower(trim(cast({{ expr }} as string))) in ('false', 'f', 'no', 'n', '0') then false
    end
{%- endmacro %}
