{#
  raise_error(message_expr): fails the query with a message, e.g.
      case when bad then cast({{ raise_error("'rebuild with --full-refresh'") }} as date) end
  message_expr is a SQL string expression (quote literals). The call has no useful
  type: cast it to the type of the branch it stands in. Only rows that reach it fail.
#}
{% macro duckdb__raise_error(message_expr) -%}
    error({{ message_expr }})
{%- endmacro %}

{% macro databricks__raise_error(message_expr) -%}
    raise_error({{ message_expr }})
{%- endmacro %}
