{#
  ema(value, day_number, span, partition_by='athlete_id', load_model=none, seed=none, seed_day=none)

  Exponential moving average E_d = E_{d-1} + (L_d - E_{d-1}) * k with E = 0 before
  the first day, as ONE windowed expression (no recursion, no UDF), e.g.
      {{ ema('daily_tss', 'day_number', 42) }} as ctl_42d
  - value: the daily load L (non-negative, not null).
  - day_number: an integer day count (e.g. days since the athlete's first day). A day
    with no row counts as L = 0; rows sharing a day_number are summed into one day.
  - span: 42 (CTL) or 7 (ATL). k = 1/span for load_model 'trainingpeaks',
    1 - exp(-1/span) for 'exponential' (default: var('load_model')).
  - seed, seed_day (optional, both or neither): start from a known value instead of 0.
    seed is the average E on day seed_day (a column or constant, the same for the whole
    partition), and the rows given are the days after it. By linearity
        E_n = seed * (1-k)^(n - seed_day) + (the EMA of the given days from 0),
    so an incremental build feeds only the recent days and reads the seed from its own
    table. The decay factor uses the same k as the rest of the macro.

  Why blocks: the closed form E_n = k (1-k)^n sum_i L_i (1-k)^-i overflows a double
  after ~4,600 days for k = 1/7. Days are cut into blocks of B days starting at
  b0 = n - n % B, with (1-k)^-B <= e^200; inside a block the weights are rebased on
  b0, so every factor stays within e^-400..e^400:
    own block:      k (1-k)^(n-b0)   * sum_{b0<=i<=n}     L_i (1-k)^-(i-b0)
    previous block: k (1-k)^(n-b0+B) * sum_{i in block-1} L_i (1-k)^-(i-b0+B)
  Blocks older than that weigh less than (1-k)^B <= e^-171 (a 1,500 TSS day leaves
  < 1e-71) and are dropped. All terms are >= 0, so nothing cancels. Cost per row: one
  running sum and one sum over the previous block, so linear in days.
  (Negative day numbers work too: % truncates, so the block around day 0 is 2B - 1
  days long and its factors stay below e^400.)
#}
{% macro ema(value, day_number, span, partition_by='athlete_id', load_model=none, seed=none, seed_day=none) -%}
{%- set model = load_model or var('load_model', 'trainingpeaks') -%}
{%- set s = 'cast(' ~ span ~ ' as double)' -%}
{%- if model == 'trainingpeaks' -%}
    {#- -ln(1 - 1/span) lies in [1/span, 1/(span-1)], so B * -ln(1-k) lies in [171, 200] for span >= 7 -#}
    {%- set k = '(1 / ' ~ s ~ ')' -%}
    {%- set log_decay = 'ln(1 - 1 / ' ~ s ~ ')' -%}
    {%- set block_days = (200 * (span - 1)) | int -%}
{%- elif model == 'exponential' -%}
    {%- set k = '(1 - exp(-1 / ' ~ s ~ '))' -%}
    {%- set log_decay = '(-1 / ' ~ s ~ ')' -%}
    {%- set block_days = (200 * span) | int -%}
{%- else -%}
    {#- an unknown load model fails the query with its name in the message -#}
    {%- set k = "cast('load_model must be trainingpeaks or exponential, not " ~ model ~ "' as double)" -%}
    {%- set log_decay = k -%}
    {%- set block_days = 1 -%}
{%- endif -%}
{%- set day_in_block = '(' ~ day_number ~ ' % ' ~ block_days ~ ')' -%}
{%- set block_start = day_number ~ ' - ' ~ day_in_block -%}
{%- set rebased = value ~ ' * exp(-' ~ day_in_block ~ ' * ' ~ log_decay ~ ')' -%}
(
        {{ k }} * exp({{ day_in_block }} * {{ log_decay }}) * sum({{ rebased }}) over (
            partition by {{ partition_by }}, {{ block_start }}
            order by {{ day_number }}
            range between unbounded preceding and current row
        )
        + {{ k }} * exp(({{ block_days }} + {{ day_in_block }}) * {{ log_decay }}) * coalesce(sum({{ rebased }}) over (
            partition by {{ partition_by }}
            order by {{ block_start }}
            range between {{ block_days }} preceding and {{ block_days }} preceding
        ), 0)
{%- if seed %}
        + {{ seed }} * exp(({{ day_number }} - {{ seed_day }}) * {{ log_decay }})
{%- endif %}
    )
{%- endmacro %}
