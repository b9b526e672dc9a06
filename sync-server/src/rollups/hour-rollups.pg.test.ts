import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { computeRollups, localDatesBetween, summaryToAggregate } from '@hearth/core';
import type { HealthAggregate, HealthDataType, LocalDate } from '@hearth/schema';
import type { TestDatabase } from '../test-support/test-db.js';
import { useTestApp } from '../test-support/fixture.js';
import { registerUser, type TestUser } from '../test-support/http.js';
import { loadDemoData, type LoadedDemo } from '../test-support/demo.js';
import { accountRecords, type RollupRecord } from '../export/account-records.js';
import { readMigrations } from '../db/migrate.js';
import { withTransaction } from '../db/pool.js';
import { RollupWorker } from '../worker/rollup-worker.js';
import { computeHourBuckets, findRollupSettings, type RollupSettings } from './hour-rollups.js';

let db: TestDatabase;
let app: FastifyInstance;
let user: TestUser;
let demo: LoadedDemo;
let dataKey: Buffer;
let settings: RollupSettings;
/** What core computes on the samples the devices sent: what stored hour rows used to hold. */
let expectedHours: HealthAggregate[];

// The demo's days cross the spring-forward night in Berlin (a 23-hour day) and hold sleep, whose
// hours belong to the sleep day of the night they are in.
const timeZone = 'Europe/Berlin';
// A day more each side: a sample that ends after midnight counts in the next day.
const days = localDatesBetween('2026-03-26', '2026-03-31');

useTestApp((fixture) => ({ db, app } = fixture));
beforeAll(async () => {
  user = await registerUser(app, { timeZone });
  demo = await loadDemoData(app, user, { seed: 3, endDate: '2026-03-30', days: 4, timeZone });
  await new RollupWorker({ pool: db.pool, keyring: app.keyring, batchDays: 400 }).drain();
  dataKey = await app.keyring.getUserKey(db.pool, user.me.id);
  const found = await findRollupSettings(db.pool, user.me.id, dataKey);
  if (!found) throw new Error('the registered user has no settings');
  settings = found;
  expectedHours = computeRollups(demo.samples, settings).filter((a) => a.period === 'hour');
}, 120_000);

const typesOf = (aggregates: readonly HealthAggregate[]) => [
  ...new Set(aggregates.map((a) => a.type)),
];

async function hoursOn(type: HealthDataType, on: readonly LocalDate[]) {
  const buckets = await computeHourBuckets(db.pool, dataKey, user.me.id, settings, [type], on);
  return (buckets.get(type) ?? []).map((b) => ({
    localDate: b.localDate,
    aggregate: summaryToAggregate(type, 'hour', b.periodStart, b.summary),
  }));
}

describe('hour rollups, computed when read (SPECIFICATION.md §3)', () => {
  it('are what computeRollups gives on the same samples, and none is stored', async () => {
    expect(typesOf(expectedHours)).toContain('SLEEP_ANALYSIS');
    const computed: HealthAggregate[] = [];
    for (const type of typesOf(expectedHours)) {
      for (const h of await hoursOn(type, days)) computed.push(h.aggregate);
    }
    expect(computed).toEqual(expectedHours);
    const stored = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM rollups WHERE user_id = $1 AND period = 'hour'`,
      [user.me.id],
    );
    expect(stored.rows[0]?.n).toBe(0);
  });

  it('give each day the same hours whichever other days are asked with it', async () => {
    const all = new Map<HealthDataType, Awaited<ReturnType<typeof hoursOn>>>();
    for (const type of typesOf(expectedHours)) all.set(type, await hoursOn(type, days));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...all.keys()),
        fc.subarray(days, { minLength: 1 }),
        async (type, some) => {
          const wanted = new Set(some);
          const expected = (all.get(type) ?? []).filter((h) => wanted.has(h.localDate));
          expect(await hoursOn(type, some)).toEqual(expected);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('answer the aggregates route for period=hour as core computes them', async () => {
    const types = typesOf(expectedHours);
    const res = await app.inject({
      url: `/api/v1/users/me/aggregates?types=${types.join(',')}&period=hour&startDate=${days[0]}&endDate=${days.at(-1)}`,
      headers: { cookie: user.cookie },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<Record<string, HealthAggregate[]>>();
    for (const type of types) {
      expect(body[type]).toEqual(expectedHours.filter((a) => a.type === type));
    }
  });

  it('are in the account export, after each type’s days and before its months', async () => {
    const records: RollupRecord[] = [];
    for await (const r of accountRecords({
      db: db.pool,
      dataKey,
      userId: user.me.id,
      pageSize: 7,
    })) {
      if (r.kind === 'rollup') records.push(r);
    }
    const hours = records.filter((r) => r.period === 'hour');
    const types = typesOf(expectedHours);
    expect(new Set(hours.map((r) => r.type))).toEqual(new Set(types));
    for (const type of types) {
      expect(
        hours
          .filter((r) => r.type === type)
          .map((r) => ({
            periodStart: Date.parse(r.start),
            value: r.value,
            minValue: r.minValue,
            maxValue: r.maxValue,
            sampleCount: r.sampleCount,
          })),
      ).toEqual(
        expectedHours
          .filter((a) => a.type === type)
          .map((a) => ({
            periodStart: Date.parse(a.periodStart),
            value: a.value,
            minValue: Number.isFinite(a.minValue) ? a.minValue : undefined,
            maxValue: Number.isFinite(a.maxValue) ? a.maxValue : undefined,
            sampleCount: a.sampleCount,
          })),
      );
      // Where a stored hour row sorted: key order is (type, period name), day < hour < month.
      const groups = records
        .filter((r) => r.type === type)
        .map((r) => r.period)
        .filter((p, i, all) => p !== all[i - 1]);
      expect(groups).toEqual(['day', 'hour', 'month', 'week']);
    }
    for (const r of hours) expect(Date.parse(r.end) - Date.parse(r.start)).toBe(3_600_000);
  });

  it('are deleted by migration 330, which then refuses new ones', async () => {
    const migration = readMigrations().find((m) => m.version === 330);
    if (!migration) throw new Error('no migration 330');
    const insert = (
      client: { query: (sql: string, values: unknown[]) => Promise<unknown> },
      period: string,
    ) =>
      client.query(
        `INSERT INTO rollups (user_id, type, period, period_start, local_start, local_date, summary,
                              position)
         VALUES ($1, 'STEPS', $2, '2020-01-01T00:00:00Z', '2020-01-01T00:00:00+00:00',
                 '2020-01-01', '\\x00', 1)`,
        [user.me.id, period],
      );
    await expect(
      withTransaction(db.pool, async (client) => {
        // The table as it was before the migration, with an hour row and a day row in it.
        await client.query('ALTER TABLE rollups DROP CONSTRAINT rollups_period_check');
        await client.query(
          `ALTER TABLE rollups ADD CONSTRAINT rollups_period_check
             CHECK (period IN ('hour', 'day', 'week', 'month'))`,
        );
        await insert(client, 'hour');
        await insert(client, 'day');
        await client.query(migration.sql);
        const left = await client.query<{ period: string }>(
          `SELECT period FROM rollups WHERE user_id = $1 AND period_start < '2021-01-01'`,
          [user.me.id],
        );
        expect(left.rows.map((r) => r.period)).toEqual(['day']);
        await expect(insert(client, 'hour')).rejects.toThrow(/rollups_period_check/);
        // Nothing of this test stays in the shared database.
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
  });
});
