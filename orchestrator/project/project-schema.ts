/** JSON schema of project.yml; ajv checks it and errors name the line and the allowed keys. */

const modelConfigProperties = {
  materialized: { enum: ['view', 'table', 'incremental', 'ephemeral'] },
  schema: { type: 'string' },
  tags: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
  enabled: { type: 'boolean' },
  unique_key: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
  incremental_strategy: { enum: ['merge', 'delete+insert'] },
  on_schema_change: { enum: ['fail', 'append_new_columns'] },
  description: { type: 'string' },
  /** Delta liquid clustering columns on Databricks; DuckDB ignores it. */
  cluster_by: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
} as const;

export const MODEL_CONFIG_KEYS = Object.keys(modelConfigProperties);

const targetCommon = {
  type: { enum: ['duckdb', 'databricks'] },
  threads: { type: 'integer', minimum: 1, maximum: 64 },
  schemas: { type: 'object', additionalProperties: { type: 'string' } },
};

export const projectSchema = {
  $id: 'stride-project',
  type: 'object',
  required: ['name', 'targets'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[a-z_][a-z0-9_]*$' },
    version: { type: 'string' },
    paths: {
      type: 'object',
      additionalProperties: false,
      properties: {
        models: { type: 'string' },
        macros: { type: 'string' },
        seeds: { type: 'string' },
        tests: { type: 'string' },
        target: { type: 'string' },
      },
    },
    vars: { type: 'object' },
    models: { $ref: '#/$defs/modelFolder' },
    seeds: {
      type: 'object',
      properties: { schema: { type: 'string' } },
      additionalProperties: { $ref: '#/$defs/seedConfig' },
    },
    targets: {
      type: 'object',
      required: ['default'],
      properties: { default: { type: 'string' } },
      additionalProperties: { $ref: '#/$defs/target' },
    },
  },
  $defs: {
    modelFolder: {
      type: 'object',
      properties: modelConfigProperties,
      additionalProperties: { $ref: '#/$defs/modelFolder' },
    },
    seedConfig: {
      type: 'object',
      additionalProperties: false,
      properties: {
        column_types: { type: 'object', additionalProperties: { type: 'string' } },
        all_varchar: { type: 'boolean' },
        description: { type: 'string' },
      },
    },
    target: {
      type: 'object',
      required: ['type'],
      properties: { type: { enum: ['duckdb', 'databricks'] } },
      allOf: [
        {
          if: { properties: { type: { const: 'duckdb' } } },
          then: {
            additionalProperties: false,
            properties: {
              ...targetCommon,
              path: { type: 'string' },
              memory_limit: { type: 'string' },
              temp_directory: { type: 'string' },
            },
          },
        },
        {
          if: { properties: { type: { const: 'databricks' } } },
          then: {
            additionalProperties: false,
            properties: {
              ...targetCommon,
              host: { type: 'string' },
              http_path: { type: 'string' },
              warehouse_id: { type: 'string' },
              token: { type: 'string' },
              client_id: { type: 'string' },
              client_secret: { type: 'string' },
              catalog: { type: 'string' },
            },
          },
        },
      ],
    },
  },
} as const;
