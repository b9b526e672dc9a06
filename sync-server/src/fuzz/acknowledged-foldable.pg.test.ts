import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { TestDatabase } from '../test-support/test-db.js';
import { useTestApp } from '../test-support/fixture.js';
import { createDevice, registerUser, syncSamples } from '../test-support/http.js';
import { RollupWorker } from '../worker/rollup-worker.js';

// Acknowledged ⇒ foldable: whatever samples the device API accepts (it may refuse some, one by
// one), the worker folds and rolls up without a failure. An accepted sample that a later layer
// cannot store would stall its user (issue: a year-0000 date) or end up a dead letter.

const RUNS = 40;
const SEED = 1409;

let db: TestDatabase;
let app: FastifyInstance;
useTestApp((fixture) => ({ db, app } = fixture));

const UNITS: Record<string, string[]> = {
  WEIGHT: ['kg', 'lb', 'g', 'st', 'KG'],
  STEPS: ['count', 'steps', ''],
  HEART_RATE: ['count/min', 'bpm', 'BPM'],
  BLOOD_GLUCOSE: ['mg/dL', 'mmol/L', 'mmol/l'],
};

/** Instants around and beyond the accepted bounds (1900..2200), as ISO 8601 text. */
const instant = fc
  .oneof(
    fc.date({ min: new Date('1899-12-30T00:00:00Z'), max: new Date('1900-01-03T00:00:00Z') }),
    fc.date({ min: new Date('2199-12-29T00:00:00Z'), max: new Date('2200-01-02T00:00:00Z') }),
    fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z') }),
    // Weighted so that most batches hold samples the API accepts.
    {
      arbitrary: fc.date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2030-01-01T00:00:00Z'),
      }),
      weight: 6,
    },
  )
  .filter((d) => !Number.isNaN(d.getTime()));

const value = fc.oneof(
  fc.double({ noNaN: true }),
  fc.constantFrom(0, -0, 1e-300, 5e-324, 1e300, Number.MAX_SAFE_INTEGER, -1),
  { arbitrary: fc.integer({ min: 0, max: 300 }), weight: 6 },
);

const sample = fc
  .constantFrom(...Object.keys(UNITS))
  .chain((type) =>
    fc.record({
      type: fc.constant(type),
      unit: fc.constantFrom(...(UNITS[type] ?? [])),
      value,
      start: instant,
      seconds: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 86_400 * 3 })),
    }),
  )
  .map(({ type, unit, value: v, start, seconds }) => ({
    type,
    unit,
    value: v,
    startDate: start.toISOString(),
    endDate: new Date(Math.min(start.getTime() + seconds * 1000, 8.64e15)).toISOString(),
  }));

describe('acknowledged ⇒ foldable', () => {
  it('every sample the device API accepts folds and rolls up without a failure', async () => {
    const user = await registerUser(app, { timeZone: 'Pacific/Kiritimati' });
    const device = await createDevice(app, user);
    const worker = new RollupWorker({ pool: db.pool, keyring: app.keyring });
    let acknowledged = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(sample, { minLength: 1, maxLength: 12 }), async (samples) => {
        const res = await syncSamples(app, device, samples);
        expect(res.statusCode).toBe(200);
        acknowledged += res.json<{ synced: number }>().synced;
        await worker.drain();
        const stuck = await db.pool.query<{ inbox: number; days: number }>(
          `SELECT (SELECT count(*) FROM ingest_inbox WHERE attempts > 0 OR dead_at IS NOT NULL)::int AS inbox,
                  (SELECT count(*) FROM rollup_queue WHERE attempts > 0 OR dead_at IS NOT NULL)::int AS days`,
        );
        expect(stuck.rows[0]).toEqual({ inbox: 0, days: 0 });
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // Not vacuous: many of the samples were accepted, so the worker really had them to fold.
    expect(acknowledged).toBeGreaterThan(RUNS);
  }, 120_000);
});
