{#
  parse_timestamp(expr, kind): a timestamp from 'YYYY-MM-DD[ HH:MM[:SS[.ffffff]]]'
  (a 'T' instead of the space, as the Strava API writes, works too), else null.
  kind 'utc': a written offset (Z, UTC, +02:00) is applied, giving the UTC instant;
  kind 'local': the wall clock as written, any offset ignored. An impossible date
  such as Feb 30 is null.
#}
{% macro timestamp_pattern() -%}
'^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?(Z|UTC| UTC|[+-][0-9]{2}(:?[0-9]{2})?)?$'
{%- endmacro %}

{% macro offset_pattern() -%}
'(Z|UTC| UTC|[+-][0-9]{2}(:?[0-9]{2})?)$'
{%- endmacro %}

{% macro duckdb__parse_timestamp(expr, kind) -%}
    {%- set text = 'trim(cast(' ~ expr ~ ' as string))' -%}
    case
        when not {{ regex_match(text, timestamp_pattern()) }} then null
        {%- if kind == 'utc' %}
        when {{ regex_match("substr(" ~ text ~ ", 11)", offset_pattern()) }}
            then try_cast(try_cast(regexp_replace({{ text }}, ' ?UTC$', 'Z') as timestamptz) at time zone 'UTC' as timestamp)
        {%- endif %}
        else try_cast(regexp_replace(substr({{ text }}, 1, 10) || regexp_replace(substr({{ text }}, 11), {{ offset_pattern() }}, ''), 'T', ' ') as timestamp)
    end
{%- endmacro %}

{% macro databricks__parse_timestamp(expr, kind) -%}
    {%- set text = 'trim(cast(' ~ expr ~ ' as string))' -%}
    case
        when not {{ regex_match(text, timestamp_pattern()) }} then null
        {%- if kind == 'utc' %}
        when {{ regex_match("substr(" ~ text ~ ", 11)", offset_pattern()) }}
            then to_utc_timestamp(try_cast(regexp_replace({{ text }}, ' ?UTC$', 'Z') as timestamp), current_timezone())
        {%- endif %}
        else try_cast(regexp_replace(substr({{ text }}, 1, 10) || regexp_replace(substr({{ text }}, 11), {{ offset_pattern() }}, ''), 'T', ' ') as timestamp)
    end
{%- endmacro %}
