{#
  row_hash(columns): a 63-bit (DuckDB) or 64-bit (Databricks) bigint hash of a list of
  column expressions, e.g. {{ row_hash(['activity_id', 'distance_km']) }}. Equal
  values give equal hashes on the same engine; the two engines hash differently, so
  compare hashes only with hashes from the same engine. Aggregated with bit_xor it
  fingerprints a set of rows whatever their order.
#}
{% macro duckdb__row_hash(columns) -%}
    cast(hash({{ columns | join(', ') }}) >> 1 as bigint)
{%- endmacro %}

{#- xxhash64 skips null arguments, so (1, null) and (null, 1) would hash alike: the null mask goes first. -#}
{% macro databricks__row_hash(columns) -%}
    xxhash64(array({% for c in columns %}{{ c }} is null{{ ', ' if not loop.last }}{% endfor %}), {{ columns | join(', ') }})
{%- endmacro %}
