import { describe, expect, it } from 'vitest';
import type { OnlineColumn } from '../../orchestrator/onlinestore/column-types.ts';
import { IncompatibleSchemaError, planMigration } from '../../orchestrator/onlinestore/migrate.ts';

const wanted: OnlineColumn[] = [
  { name: 'athlete_id', type: 'bigint' },
  { name: 'as_of_date', type: 'date' },
  { name: 'ctl_42d', type: 'double' },
  { name: 'tsb', type: 'double' },
];
const stored = (extra: { name: string; declared: string }[] = []) => [
  { name: 'athlete_id', declared: 'bigint' },
  { name: 'as_of_date', declared: 'date' },
  { name: 'ctl_42d', declared: 'double precision' },
  { name: '_stride_row_hash', declared: 'text' },
  { name: '_stride_publish_id', declared: 'text' },
  ...extra,
];

describe('online schema migration plan', () => {
  it('creates a missing table', () => {
    expect(planMigration('rolling', [], wanted, ['athlete_id'])).toEqual({ create: true, add: [], kept: [] });
  });

  it('adds new columns and keeps columns the feature table dropped, ignoring bookkeeping columns', () => {
    expect(planMigration('rolling', stored([{ name: 'old_score', declared: 'double precision' }]), wanted, ['athlete_id'], ['athlete_id'])).toEqual({
      create: false,
      add: [{ name: 'tsb', type: 'double' }],
      kept: ['old_score'],
    });
  });

  it('accepts PostgreSQL catalog names for the same types', () => {
    const pg = [...stored(), { name: 'tsb', declared: 'double precision' }, { name: 'at', declared: 'timestamp without time zone' }];
    expect(planMigration('rolling', pg, [...wanted, { name: 'at', type: 'timestamp' }], ['athlete_id'])).toEqual({ create: false, add: [], kept: [] });
  });

  it('fails on a type change, naming the table and column', () => {
    const changed = wanted.map((c) => (c.name === 'ctl_42d' ? { ...c, type: 'text' as const } : c));
    expect(() => planMigration('rolling', stored(), changed, ['athlete_id'])).toThrow(IncompatibleSchemaError);
    expect(() => planMigration('rolling', stored(), changed, ['athlete_id'])).toThrow('online table rolling: column ctl_42d is double precision online but text in the feature table');
  });

  it('fails on a change of primary keys', () => {
    expect(() => planMigration('rolling', stored(), wanted, ['athlete_id', 'as_of_date'], ['athlete_id'])).toThrow('online table rolling: primary keys changed from (athlete_id) to (athlete_id, as_of_date)');
  });
});
