{#
  full_refresh_required(model_name, athlete_id): fails an incremental build of a
  per-athlete model whose stored rows start before the athlete's first activity (or
  first activity day: it was deleted or moved later, or the athlete's activities are
  gone). delete+insert removes rows from the first rebuilt one on, so those older rows
  would survive: only a full refresh gives the right table. Cast the call to the type
  of the branch it stands in.
#}
{% macro full_refresh_required(model_name, athlete_id) -%}
    {{ raise_error(
        "'" ~ model_name ~ ": athlete ' || cast(" ~ athlete_id ~ " as string)"
        ~ " || ' lost its first activity (or activity day) or all its activities since the last build,"
        ~ " which an incremental build cannot undo: run again with --full-refresh'"
    ) }}
{%- endmacro %}
