import { describe, expect, it } from 'vitest';
import { parseModelProperties } from '../../orchestrator/project/parse-properties.ts';
import { parseYamlText } from '../../orchestrator/project/yaml-file.ts';

const yaml = (featureTable: string) =>
  parseYamlText(
    `version: 2
models:
  - name: rolling
    description: Rows per athlete day.
    feature_table:
${featureTable
  .trim()
  .split('\n')
  .map((l) => `      ${l}`)
  .join('\n')}
    columns:
      - name: athlete_id
      - name: as_of_date
      - name: feature_available_at
      - name: ctl
`,
    'models/features/rolling.yml',
  );

describe('feature_table in a model YAML', () => {
  it('reads keys, timestamp semantics, owner and tags', () => {
    const [props] = parseModelProperties(yaml('primary_keys: [athlete_id]\ntimestamp_key: feature_available_at\ntimestamp_zone: local\navailable_after: 7 days\nowner: team\ntags: {grain: day}'));
    expect(props.feature_table).toEqual({
      primary_keys: ['athlete_id'],
      timestamp_key: 'feature_available_at',
      timestamp_zone: 'local',
      available_after: { amount: 7, unit: 'day' },
      strictly_before_event: false,
      description: undefined,
      owner: 'team',
      tags: { grain: 'day' },
    });
  });

  it('defaults to UTC, no delay and inclusive timestamps', () => {
    const [props] = parseModelProperties(yaml('primary_keys: [athlete_id]\ntimestamp_key: as_of_date'));
    expect(props.feature_table?.timestamp_zone).toBe('utc');
    expect(props.feature_table?.available_after).toBeUndefined();
    expect(props.feature_table?.strictly_before_event).toBe(false);
  });

  it.each([
    ['primary_keys: [athlete]\ntimestamp_key: as_of_date', /rolling.yml:6: feature_table: primary_keys names 'athlete', which is not among the documented columns/],
    ['primary_keys: [athlete_id]\ntimestamp_key: as_of', /rolling.yml:7: feature_table: timestamp_key names 'as_of'/],
    ['primary_keys: []\ntimestamp_key: as_of_date', /primary_keys must be a non-empty list/],
    ['primary_keys: [athlete_id, as_of_date]\ntimestamp_key: as_of_date', /must not also be a primary key/],
    ['primary_keys: [athlete_id]\ntimestamp_key: as_of_date\ntimestamp_zone: berlin', /rolling.yml:8: feature_table: timestamp_zone must be 'utc' or 'local'/],
    ['primary_keys: [athlete_id]\ntimestamp_key: as_of_date\navailable_after: tomorrow', /available_after must read like '1 day'/],
    ['primary_keys: [athlete_id]\ntimestamp_key: as_of_date\nprimary_key: [x]', /rolling.yml:8: feature_table: unknown key 'primary_key'/],
  ])('rejects %j with the file and line', (block, message) => {
    expect(() => parseModelProperties(yaml(block))).toThrow(message);
  });
});
