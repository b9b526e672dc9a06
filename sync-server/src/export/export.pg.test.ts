import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestDatabase } from '../test-support/test-db.js';
import { useTestApp } from '../test-support/fixture.js';
import { createDevice, registerUser, syncSamples, type TestUser } from '../test-support/http.js';
import { foldInbox } from '../test-support/fold.js';
import { RollupWorker } from '../worker/rollup-worker.js';
import { accountRecords, type ExportRecord } from './account-records.js';
import { ACCOUNT_CSV_COLUMNS } from './csv-stream.js';
import { fhirSchemaErrors, fhirValidator } from './fhir-schema.test-helpers.js';

let db: TestDatabase;
let app: FastifyInstance;

useTestApp((fixture) => ({ db, app } = fixture));
// Compiling HL7's schema takes seconds on a loaded machine: a time limit, not about speed.
beforeAll(() => void fhirValidator(), 120_000);

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-01T06:00:00.000Z');

/** `hours` hourly step samples and one weight a day from two devices: many series, several days. */
async function account(hours: number): Promise<{ user: TestUser; samples: number }> {
  const user = await registerUser(app);
  const watch = await createDevice(app, user, { name: 'Watch, "left"' });
  const scale = await createDevice(app, user, { name: 'Scale', kind: 'third_party_scale' });
  const steps = Array.from({ length: hours }, (_, i) => ({
    type: 'STEPS',
    value: 100 + i,
    unit: 'count',
    startDate: new Date(T0 + i * HOUR).toISOString(),
    endDate: new Date(T0 + i * HOUR + 600_000).toISOString(),
  }));
  const weights = Array.from({ length: Math.ceil(hours / 24) }, (_, i) => ({
    type: 'WEIGHT',
    value: 70 + i / 10,
    unit: 'kg',
    startDate: new Date(T0 + i * 24 * HOUR).toISOString(),
    endDate: new Date(T0 + i * 24 * HOUR).toISOString(),
  }));
  expect((await syncSamples(app, watch, steps)).statusCode).toBe(200);
  expect((await syncSamples(app, scale, weights)).statusCode).toBe(200);
  await foldInbox(db.pool, app.keyring);
  await new RollupWorker({ pool: db.pool, keyring: app.keyring }).drain();
  return { user, samples: steps.length + weights.length };
}

async function collect(records: AsyncIterable<ExportRecord>): Promise<ExportRecord[]> {
  const all: ExportRecord[] = [];
  for await (const r of records) all.push(r);
  return all;
}

function exportOf(user: TestUser, format: string) {
  return app.inject({
    method: 'GET',
    url: `/api/v1/users/me/export?format=${format}`,
    headers: { cookie: user.cookie },
  });
}

describe('account export (SPECIFICATION.md §14)', () => {
  it('reads every sample and rollup page by page, whatever the page size', async () => {
    const { user, samples } = await account(60);
    const dataKey = await app.keyring.getUserKey(db.pool, user.me.id);
    const read = (pageSize: number) =>
      collect(accountRecords({ db: db.pool, dataKey, userId: user.me.id, pageSize }));
    const big = await read(1000);
    const small = await read(2);
    expect(small).toEqual(big);
    expect(big.filter((r) => r.kind === 'sample')).toHaveLength(samples);
    const days = big.filter((r) => r.kind === 'rollup' && r.period === 'day');
    expect(days.length).toBeGreaterThanOrEqual(3 * 2);
    expect(new Set(big.filter((r) => r.kind === 'rollup').map((r) => r.period))).toEqual(
      new Set(['hour', 'day', 'week', 'month']),
    );
  });

  it('streams a FHIR R4 Bundle of the Patient and every sample and rollup, valid R4', async () => {
    const { user, samples } = await account(30);
    const res = await exportOf(user, 'fhir');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="hearth-export-/);
    expect(res.headers['cache-control']).toBe('no-store');
    const bundle = res.json<{
      resourceType: string;
      type: string;
      entry: Array<{
        resource: { id: string; subject?: unknown; code?: { coding?: Array<{ code: string }> } };
      }>;
    }>();
    expect(fhirSchemaErrors(bundle)).toEqual([]);
    expect(bundle.resourceType).toBe('Bundle');
    const [patient, ...observations] = bundle.entry;
    expect(patient?.resource).toEqual({ resourceType: 'Patient', id: 'person' });
    expect(new Set(observations.map((e) => JSON.stringify(e.resource.subject)))).toEqual(
      new Set([JSON.stringify({ reference: 'Patient/person' })]),
    );
    expect(bundle.type).toBe('collection');
    const ids = bundle.entry.map((e) => e.resource.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.startsWith('sample-'))).toHaveLength(samples);
    const weight = bundle.entry.find((e) => e.resource.code?.coding?.[0]?.code === '29463-7');
    expect(weight).toBeDefined();
  });

  it('streams CSV with one line per sample and rollup, sources quoted', async () => {
    const { user, samples } = await account(30);
    const res = await exportOf(user, 'csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe(ACCOUNT_CSV_COLUMNS.join(','));
    expect(lines.at(-1)).toBe('');
    const sampleLines = lines.filter((l) => l.startsWith('sample,'));
    expect(sampleLines).toHaveLength(samples);
    expect(sampleLines.some((l) => l.includes('"Watch, ""left"""'))).toBe(true);
    expect(lines.some((l) => l.startsWith('rollup,WEIGHT,Weight,day,'))).toBe(true);
  });

  it('exports only the signed-in person, and needs a session', async () => {
    const { user } = await account(2);
    const other = await registerUser(app);
    const res = await exportOf(other, 'csv');
    expect(res.body.split('\r\n').filter((l) => l.startsWith('sample,'))).toEqual([]);
    const anonymous = await app.inject({
      method: 'GET',
      url: '/api/v1/users/me/export?format=csv',
    });
    expect(anonymous.statusCode).toBe(401);
    const bad = await exportOf(user, 'xml');
    expect(bad.statusCode).toBe(400);
  });
});
