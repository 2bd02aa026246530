import type { Dialect } from '../adapters/dialect.ts';
import type { TestSpec } from '../project/types.ts';

/** Resolves `ref('x')` / `source('a', 'b')` text (as written in YAML) to a relation. */
export type RelationResolver = (expression: string) => { relation: string; nodeId: string };

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

function literal(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `'${String(value).replace(/'/g, "''")}'`;
}

/**
 * SQL returning the rows that fail a generic test (dbt's semantics): zero rows = pass.
 * Returns the SQL and the extra nodes the test reads (relationships).
 */
export function genericTestSql(
  spec: TestSpec,
  relation: string,
  dialect: Dialect,
  resolve: RelationResolver,
): { sql: string; reads: string[] } {
  const q = dialect.quote;
  const from = spec.where ? `(select * from ${relation} where ${spec.where}) as model_rows` : `${relation} as model_rows`;
  const col = spec.column ? q(spec.column) : undefined;
  const need = (what: string) => {
    throw new Error(`test '${spec.name}'${spec.column ? ` on column ${spec.column}` : ''} needs ${what}`);
  };
  switch (spec.name) {
    case 'not_null':
      return { sql: `select *\nfrom ${from}\nwhere ${col ?? need('a column')} is null`, reads: [] };
    case 'unique':
      return {
        sql: `select ${col ?? need('a column')} as unique_value, count(*) as n_records\nfrom ${from}\nwhere ${col} is not null\ngroup by ${col}\nhaving count(*) > 1`,
        reads: [],
      };
    case 'accepted_values': {
      const values = (spec.args.values as unknown[]) ?? need('values');
      return {
        sql: `select ${col ?? need('a column')} as value_field, count(*) as n_records\nfrom ${from}\nwhere ${col} is not null\n  and cast(${col} as ${dialect.stringType}) not in (${values.map((v) => literal(String(v))).join(', ')})\ngroup by ${col}`,
        reads: [],
      };
    }
    case 'relationships': {
      const to = resolve(String(spec.args.to ?? need("'to: ref(...)'")));
      const field = q(String(spec.args.field ?? need("'field'")));
      return {
        sql: `select model_rows.*\nfrom ${from}\nleft join ${to.relation} as parent\n  on model_rows.${col ?? need('a column')} = parent.${field}\nwhere model_rows.${col} is not null\n  and parent.${field} is null`,
        reads: [to.nodeId],
      };
    }
    case 'accepted_range': {
      const inclusive = spec.args.inclusive !== false;
      const target = col ?? (spec.args.expression as string) ?? need('a column');
      const bounds: string[] = [];
      if (spec.args.min_value !== undefined) bounds.push(`${target} ${inclusive ? '<' : '<='} ${spec.args.min_value}`);
      if (spec.args.max_value !== undefined) bounds.push(`${target} ${inclusive ? '>' : '>='} ${spec.args.max_value}`);
      if (bounds.length === 0) need('min_value or max_value');
      return { sql: `select *\nfrom ${from}\nwhere ${bounds.join('\n   or ')}`, reads: [] };
    }
    case 'expression_is_true': {
      const expression = String(spec.args.expression ?? need('an expression'));
      return { sql: `select *\nfrom ${from}\nwhere not coalesce(${col ? `${col} ${expression}` : expression}, false)`, reads: [] };
    }
    case 'unique_combination': {
      const columns = list(spec.args.columns ?? spec.args.combination_of_columns);
      if (columns.length === 0) need('columns');
      const cols = columns.map(q).join(', ');
      return { sql: `select ${cols}, count(*) as n_records\nfrom ${from}\ngroup by ${cols}\nhaving count(*) > 1`, reads: [] };
    }
    default:
      throw new Error(`unknown generic test '${spec.name}'`);
  }
}

/** A readable, unique-enough id for a generic test. */
export function genericTestName(spec: TestSpec, modelName: string): string {
  const parts = [spec.name, modelName, spec.column, ...list(spec.args.columns), spec.args.to ? String(spec.args.to).replace(/\W+/g, '_') : undefined];
  return parts.filter(Boolean).join('__').replace(/_+$/, '');
}
