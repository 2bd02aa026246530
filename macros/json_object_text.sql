{#
  json_object_text(columns, suffix=''): a JSON object as text with one key per column
  name, in the order given, whose value is the column `<name><suffix>`; a null value is
  written as null, e.g. {{ json_object_text(['athlete_id', 'id'], '_text') }}
  -> {"athlete_id":"1","id":null}. Values should be text. Used to keep a rejected row
  exactly as it arrived.
#}
{% macro duckdb__json_object_text(columns, suffix='') -%}
    cast(json_object({% for column in columns %}'{{ column }}', {{ column ~ suffix }}{{ ', ' if not loop.last }}{% endfor %}) as varchar)
{%- endmacro %}

{#- to_json leaves null fields out unless told otherwise. -#}
{% macro databricks__json_object_text(columns, suffix='') -%}
    to_json(named_struct({% for column in columns %}'{{ column }}', {{ column ~ suffix }}{{ ', ' if not loop.last }}{% endfor %}), map('ignoreNullFields', 'false'))
{%- endmacro %}
