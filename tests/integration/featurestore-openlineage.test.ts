import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import { postEvents, type RunEvent } from '../../orchestrator/featurestore/openlineage.ts';
import { runCommand } from '../../orchestrator/stride.ts';
import { copyFixture, editFile, silentReporter } from '../helpers/fixture.ts';

/**
 * The essential parts of the OpenLineage RunEvent schema (spec 2-0-2: BaseEvent,
 * RunEvent, Run, Job, Dataset, BaseFacet) and of the facets Stride writes (Schema,
 * DatasetVersion, Documentation, ParentRun, ErrorMessage, JobType), written from the
 * published spec text; nothing is downloaded.
 */
const uri = { type: 'string', format: 'uri' };
const baseFacet = { type: 'object', required: ['_producer', '_schemaURL'], properties: { _producer: uri, _schemaURL: uri } };
const facet = (required: string[], properties: Record<string, unknown>) => ({ allOf: [baseFacet, { type: 'object', required, properties }] });
const dataset = {
  type: 'object',
  required: ['namespace', 'name'],
  properties: {
    namespace: { type: 'string' },
    name: { type: 'string' },
    facets: {
      type: 'object',
      properties: {
        schema: facet([], { fields: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, type: { type: 'string' }, description: { type: 'string' } } } } }),
        version: facet(['datasetVersion'], { datasetVersion: { type: 'string' } }),
        documentation: facet(['description'], { description: { type: 'string' } }),
      },
      additionalProperties: baseFacet,
    },
  },
};
const RUN_EVENT = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['eventTime', 'producer', 'schemaURL', 'run', 'job'],
  properties: {
    eventType: { enum: ['START', 'RUNNING', 'COMPLETE', 'ABORT', 'FAIL', 'OTHER'] },
    eventTime: { type: 'string', format: 'date-time' },
    producer: uri,
    schemaURL: uri,
    run: {
      type: 'object',
      required: ['runId'],
      properties: {
        runId: { type: 'string', format: 'uuid' },
        facets: {
          type: 'object',
          properties: {
            parent: facet(['run', 'job'], {
              run: { type: 'object', required: ['runId'], properties: { runId: { type: 'string', format: 'uuid' } } },
              job: { type: 'object', required: ['namespace', 'name'], properties: { namespace: { type: 'string' }, name: { type: 'string' } } },
            }),
            errorMessage: facet(['message', 'programmingLanguage'], { message: { type: 'string' }, programmingLanguage: { type: 'string' } }),
          },
          additionalProperties: baseFacet,
        },
      },
    },
    job: {
      type: 'object',
      required: ['namespace', 'name'],
      properties: {
        namespace: { type: 'string' },
        name: { type: 'string' },
        facets: {
          type: 'object',
          properties: { jobType: facet(['processingType', 'integration'], { processingType: { type: 'string' }, integration: { type: 'string' }, jobType: { type: 'string' } }) },
          additionalProperties: baseFacet,
        },
      },
    },
    inputs: { type: 'array', items: dataset },
    outputs: { type: 'array', items: dataset },
  },
};

const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]+$/i);
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const validate = ajv.compile(RUN_EVENT);

let adapter: DuckDBAdapter;
let dir: string;
beforeEach(async () => {
  dir = copyFixture('featurestore');
  adapter = await DuckDBAdapter.open({ path: ':memory:' });
});
afterEach(async () => adapter.close());

const readEvents = (): RunEvent[] => readFileSync(join(dir, 'target/openlineage/events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

describe('OpenLineage run events', () => {
  it('are valid RunEvents, START then COMPLETE or FAIL for every job, FAIL with the error', async () => {
    await runCommand('build', { projectDir: dir, adapter, reporter: silentReporter() });
    editFile(dir, 'models/features/fs_daily.sql', (t) => t.replace('day_km\n', 'no_such_column\n'));
    const failed = await runCommand('run', { projectDir: dir, adapter, reporter: silentReporter() });
    expect(failed.success).toBe(false);
    const events = readEvents();
    for (const e of events) expect(validate(e), JSON.stringify(validate.errors)).toBe(true);
    const byRun = new Map<string, string[]>();
    for (const e of events) byRun.set(e.run.runId, [...(byRun.get(e.run.runId) ?? []), e.eventType]);
    for (const types of byRun.values()) expect([['START', 'COMPLETE'], ['START', 'FAIL']]).toContainEqual(types);
    const daily = events.filter((e) => e.job.name === 'featurestore.model.fs_daily');
    expect(daily.map((e) => e.eventType)).toEqual(['START', 'FAIL']);
    expect(String(daily[1].run.facets?.errorMessage?.message)).toContain('no_such_column');
    expect(events.at(-1)!.eventType).toBe('FAIL');
    // An invalid event is caught by the schema: the test can fail.
    expect(validate({ ...events[0], run: { runId: 'not-a-uuid' } })).toBe(false);
    expect(validate({ ...events[0], producer: undefined })).toBe(false);
  });

  it('are posted in order to OPENLINEAGE_URL with the API key', async () => {
    const received: { path?: string; auth?: string; body: RunEvent }[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ path: req.url, auth: req.headers.authorization, body: JSON.parse(body) });
        res.writeHead(received.length === 3 ? 500 : 201).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const reporter = silentReporter();
      await runCommand('build', { projectDir: dir, adapter, reporter, env: { ...process.env, OPENLINEAGE_URL: `http://127.0.0.1:${port}`, OPENLINEAGE_API_KEY: 'k-123' } });
      const written = readEvents();
      expect(received.map((r) => r.body)).toEqual(written);
      expect(new Set(received.map((r) => r.path))).toEqual(new Set(['/api/v1/lineage']));
      expect(new Set(received.map((r) => r.auth))).toEqual(new Set(['Bearer k-123']));
      // The one refused event is reported, the run itself is not failed by it.
      expect(reporter.lines.filter((l) => l.startsWith('OpenLineage:'))).toEqual([`OpenLineage: http://127.0.0.1:${port}/api/v1/lineage answered 500 for ${written[2].eventType} ${written[2].job.name}`]);
      const unreachable = await postEvents(written.slice(0, 2), { OPENLINEAGE_URL: 'http://127.0.0.1:9' });
      expect(unreachable.posted).toBe(0);
      expect(unreachable.errors[0]).toMatch(/cannot post to http:\/\/127.0.0.1:9\/api\/v1\/lineage/);
      expect(await postEvents(written, {})).toEqual({ posted: 0, errors: [] });
    } finally {
      server.close();
    }
  });
});
