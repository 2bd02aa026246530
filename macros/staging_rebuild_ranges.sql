{#
  staging_rebuild_ranges(model_name, flips): the CTEs of an incremental staging checks
  model that decide what to rebuild, ending in rebuild_ranges (athlete_id,
  is_from_first, rebuild_from_activity_id). The model defines before the call:
  source_keys (every source row with athlete_id, activity_id and source_row_hash),
  stored_rows (the same columns of {{ this }}) and the CTE named by `flips`
  (athlete_id, activity_id of stored rows whose outcome changes although their source
  rows did not). Per athlete (rows without a readable athlete id are one more
  partition): the stored id range is compared with the source by fingerprint, then id
  by id for the athletes that differ; higher ids are new. The rebuild starts at the
  first change, or at the last source id before it when that id is gone, so the
  replaced range covers it; stored rows that a rebuild cannot replace fail the build.
#}
{% macro staging_rebuild_ranges(model_name, flips) -%}
stored_athletes as (
    -- per athlete: the stored id range, its rows and their fingerprint
    select
        athlete_id,
        min(activity_id) as first_stored_activity_id,
        max(activity_id) as last_stored_activity_id,
        count(*) > count(activity_id) as has_stored_rows_without_id,
        count(*) as stored_row_count,
        bit_xor(source_row_hash) as stored_fingerprint
    from stored_rows
    group by athlete_id
),

source_athletes as (
    -- the same over the source rows in each athlete's stored id range; higher ids are new
    select
        k.athlete_id,
        s.stored_row_count is null as is_new_athlete,
        min(k.activity_id) as first_activity_id,
        count(*) > count(k.activity_id) as has_rows_without_id,
        count(case when k.activity_id is null or k.activity_id <= s.last_stored_activity_id then 1 end) as row_count,
        coalesce(bit_xor(case when k.activity_id is null or k.activity_id <= s.last_stored_activity_id then k.source_row_hash end), 0)
            as fingerprint,
        min(case when s.last_stored_activity_id is null or k.activity_id > s.last_stored_activity_id then k.activity_id end)
            as first_new_activity_id
    from source_keys as k
    left join stored_athletes as s
        on k.athlete_id is not distinct from s.athlete_id
    group by k.athlete_id, s.stored_row_count is null
),

athletes_to_compare as (
    -- stored athletes whose stored range changed or that are gone: compared id by id
    select s.athlete_id
    from stored_athletes as s
    left join source_athletes as n
        on s.athlete_id is not distinct from n.athlete_id
    where n.row_count is null
        or n.row_count <> s.stored_row_count
        or n.fingerprint <> s.stored_fingerprint
),

source_id_fingerprints as (
    select
        k.athlete_id,
        k.activity_id,
        count(*) as row_count,
        bit_xor(k.source_row_hash) as fingerprint
    from source_keys as k
    inner join athletes_to_compare as c
        on k.athlete_id is not distinct from c.athlete_id
    group by k.athlete_id, k.activity_id
),

stored_id_fingerprints as (
    select
        t.athlete_id,
        t.activity_id,
        count(*) as row_count,
        bit_xor(t.source_row_hash) as fingerprint
    from stored_rows as t
    inner join athletes_to_compare as c
        on t.athlete_id is not distinct from c.athlete_id
    group by t.athlete_id, t.activity_id
),

changed_ids as (
    -- ids whose rows were added, removed or changed (a null id: the rows without a readable id)
    select
        coalesce(n.athlete_id, s.athlete_id) as athlete_id,
        coalesce(n.activity_id, s.activity_id) as activity_id,
        n.row_count is null as is_gone
    from source_id_fingerprints as n
    full outer join stored_id_fingerprints as s
        on n.athlete_id is not distinct from s.athlete_id
        and n.activity_id is not distinct from s.activity_id
    where n.row_count is distinct from s.row_count
        or n.fingerprint is distinct from s.fingerprint
),

change_points as (
    select
        athlete_id,
        activity_id,
        activity_id is null as is_from_first,
        is_gone
    from changed_ids
    union all
    -- ids above the stored range, or every row of a new athlete
    select
        athlete_id,
        first_new_activity_id as activity_id,
        is_new_athlete as is_from_first,
        false as is_gone
    from source_athletes
    where is_new_athlete or first_new_activity_id is not null
    union all
    select
        athlete_id,
        activity_id,
        false as is_from_first,
        false as is_gone
    from {{ flips }}
),

first_changes as (
    select
        athlete_id,
        min(activity_id) as first_changed_activity_id,
        bool_or(is_from_first) as is_from_first
    from change_points
    group by athlete_id
),

first_change_gone as (
    -- an id that is gone emits no row: the rebuild has to start before it
    select
        f.athlete_id,
        f.first_changed_activity_id,
        f.is_from_first,
        coalesce(bool_or(c.is_gone), false) as is_gone
    from first_changes as f
    left join change_points as c
        on f.athlete_id is not distinct from c.athlete_id
        and f.first_changed_activity_id = c.activity_id
    group by f.athlete_id, f.first_changed_activity_id, f.is_from_first
),

previous_ids as (
    -- the last source id before a first change that is gone
    select
        f.athlete_id,
        max(k.activity_id) as previous_activity_id
    from first_change_gone as f
    inner join source_keys as k
        on f.athlete_id is not distinct from k.athlete_id
        and k.activity_id < f.first_changed_activity_id
    where f.is_gone
        and not f.is_from_first
    group by f.athlete_id
),

rebuild_starts as (
    -- the first change, the id before it when that id is gone, or the whole athlete
    select
        f.athlete_id,
        f.is_from_first or (f.is_gone and p.previous_activity_id is null) as is_from_first,
        case when f.is_gone then p.previous_activity_id else f.first_changed_activity_id end as rebuild_from_activity_id
    from first_change_gone as f
    left join previous_ids as p
        on f.athlete_id is not distinct from p.athlete_id
),

rebuild_ranges as (
    -- a whole rebuild cannot replace stored rows below the source's lowest id, or stored
    -- rows without an id when the source has none: those fail the build
    select
        r.athlete_id,
        case
            when r.is_from_first
                and s.stored_row_count is not null
                and not coalesce(n.has_rows_without_id, false)
                and (n.row_count is null
                    or s.has_stored_rows_without_id
                    or s.first_stored_activity_id < n.first_activity_id)
                then cast({{ raise_error("'" ~ model_name ~ ": the stored rows of athlete ' || coalesce(cast(r.athlete_id as string), '(unreadable id)') || ' start before its source rows (rows were removed from the source), which an incremental build cannot undo: run again with --full-refresh'") }} as boolean)
            else r.is_from_first
        end as is_from_first,
        r.rebuild_from_activity_id
    from rebuild_starts as r
    left join source_athletes as n
        on r.athlete_id is not distinct from n.athlete_id
    left join stored_athletes as s
        on r.athlete_id is not distinct from s.athlete_id
),
{%- endmacro %}
