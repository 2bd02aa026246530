{#
  regex_match(string_expr, pattern_expr): true when the regular expression matches
  anywhere in the string. Patterns should stay in the common subset of RE2 (DuckDB)
  and Java (Databricks) syntax.
#}
{% macro duckdb__regex_match(string_expr, pattern_expr) -%}
    regexp_matches({{ string_expr }}, {{ pattern_expr }})
{%- endmacro %}

{% macro databricks__regex_match(string_expr, pattern_expr) -%}
    ({{ string_expr }} rlike {{ pattern_expr }})
{%- endmacro %}
