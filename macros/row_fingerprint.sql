{#
  row_fingerprint(columns): a bigint hash of a list of column expressions, like
  row_hash, for hashes that are bit_xor-ed over rows sharing some of their values
  (e.g. a setting or a seed's hash repeated on every row of an athlete). DuckDB's
  hash(a, ..., z) xors the hash of z into one of the other columns, so a change to
  values the rows share changes each row's row_hash by the same bits, which cancel out
  of a bit_xor over an even number of such rows. Hashing that hash once more mixes it
  for each row. xxhash64 has no such flaw: on Databricks this is row_hash.
#}
{% macro duckdb__row_fingerprint(columns) -%}
    cast(hash(hash({{ columns | join(', ') }})) >> 1 as bigint)
{%- endmacro %}

{% macro databricks__row_fingerprint(columns) -%}
    {{ row_hash(columns) }}
{%- endmacro %}
