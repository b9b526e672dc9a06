/**
 * Times rollup jobs on a demo user-year (PostgreSQL at TEST_DATABASE_URL or 127.0.0.1:5432):
 *   node --conditions=@hearth/source --import tsx sync-server/src/worker/rollup-job.bench.ts
 * Scenarios: every day of the year re-queued (a zone or priority change), every type on the 30
 * days of one month, and a small job (four types on one day, what a watch's batch dirties).
 * Prints wall time and this process's CPU time (the database's own work is not in the CPU time).
 * BENCH_DAYS (default 365), BENCH_RUNS (default 3 for the year, 5 for the month, 40 small jobs).
 */
import os from 'node:os';
import { HEALTH_DATA_TYPES, type HealthDataType, type LocalDate } from '@hearth/schema';
import { localDatesBetween, resolveSourcePriority } from '@hearth/core';
import { withTransaction, type Pool } from '../db/pool.js';
import type { Keyring } from '../crypto/keyring.js';
import { listDevicesForPriority } from '../devices/devices.repository.js';
import { enqueueAllSeriesDays, enqueueRollupDays } from '../rollups/rollup-queue.repository.js';
import { createTestDatabase, buildTestApp } from '../test-support/test-db.js';
import { registerUser } from '../test-support/http.js';
import { loadDemoData } from '../test-support/demo.js';
import { RollupWorker } from './rollup-worker.js';
import { recomputeDays, type JobContext } from './recompute.js';

const TIME_ZONE = 'America/New_York';
const END_DATE = '2026-06-30';
const DAYS = Number(process.env['BENCH_DAYS'] ?? 365);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 0);
const MONTH = localDatesBetween('2026-06-01', '2026-06-30');
const SMALL_JOB_TYPES: HealthDataType[] = ['STEPS', 'DISTANCE', 'ACTIVE_ENERGY', 'HEART_RATE'];
const ALL_TYPES: HealthDataType[] = [...HEALTH_DATA_TYPES];

interface Timing {
  wallMs: number;
  cpuMs: number;
  jobs: number;
}

async function timed(run: () => Promise<number>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const jobs = await run();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000, jobs };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const ms = (v: number) => `${v.toFixed(0)} ms`;

function row(label: string, timings: Timing[]): string {
  const jobs = timings[0]?.jobs ?? 0;
  return (
    `| ${label} | ${jobs} | ${ms(median(timings.map((t) => t.wallMs)))} ` +
    `| ${ms(median(timings.map((t) => t.cpuMs)))} | ${timings.length} |`
  );
}

/**
 * Only the hour and day recompute of `days` for every type (load, decrypt, core, compare with the
 * stored rows), in a transaction that is rolled back: the part of a job the series path changes.
 */
async function recomputeOnly(pool: Pool, keyring: Keyring, userId: string, days: LocalDate[]) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const ctx: JobContext = {
      client,
      userId,
      dataKey: await keyring.getUserKey(client, userId),
      timeZone: TIME_ZONE,
      priority: resolveSourcePriority(await listDevicesForPriority(client, userId), []),
    };
    return await timed(async () => {
      for (const type of ALL_TYPES) await recomputeDays(ctx, type, days);
      return 0;
    });
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

async function main(): Promise<void> {
  const db = await createTestDatabase({ requireServer: true });
  const app = await buildTestApp(db.pool);
  const worker = new RollupWorker({ pool: db.pool, keyring: app.keyring });
  try {
    const user = await registerUser(app, { timeZone: TIME_ZONE });
    const userId = user.me.id;
    const options = { seed: 'hearth-bench', endDate: END_DATE, days: DAYS, timeZone: TIME_ZONE };
    const ingest = await timed(async () => (await loadDemoData(app, user, options)).samples.length);
    const first = await timed(() => worker.drain());
    // Warm-up of the small-job path (JIT, key cache) before anything is timed.
    const enqueue = (types: HealthDataType[], days: LocalDate[]) =>
      withTransaction(db.pool, (client) =>
        enqueueRollupDays(
          client,
          userId,
          types.flatMap((type) => days.map((localDay) => ({ type, localDay }))),
        ),
      );
    for (let i = 0; i < 5; i++) {
      await enqueue(SMALL_JOB_TYPES, ['2026-06-14']);
      await worker.drain();
    }

    const year: Timing[] = [];
    for (let i = 0; i < (RUNS || 3); i++) {
      await withTransaction(db.pool, (client) => enqueueAllSeriesDays(client, userId, TIME_ZONE));
      year.push(await timed(() => worker.drain()));
    }
    const month: Timing[] = [];
    for (let i = 0; i < (RUNS || 5); i++) {
      await enqueue(ALL_TYPES, MONTH);
      month.push(await timed(() => worker.drain()));
    }
    const yearDays = localDatesBetween(
      new Date(Date.parse(END_DATE) - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10),
      END_DATE,
    );
    const yearOnly: Timing[] = [];
    const monthOnly: Timing[] = [];
    for (let i = 0; i < (RUNS || 5); i++) {
      yearOnly.push(await recomputeOnly(db.pool, app.keyring, userId, yearDays));
      monthOnly.push(await recomputeOnly(db.pool, app.keyring, userId, MONTH));
    }
    const small: Timing[] = [];
    for (let i = 0; i < (RUNS || 40); i++) {
      await enqueue(SMALL_JOB_TYPES, [MONTH[i % MONTH.length] as LocalDate]);
      small.push(await timed(() => worker.drain()));
    }

    const load = os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(', ');
    console.log(
      [
        `${ingest.jobs.toLocaleString('en-US')} samples over ${DAYS} days in ${TIME_ZONE}; ` +
          `Node ${process.version}, ${os.cpus().length} cores, load average at end ${load}.`,
        `Ingest ${ms(ingest.wallMs)}; first rollups ${ms(first.wallMs)} (${first.jobs} jobs).`,
        '',
        '| scenario | jobs | wall (median) | process CPU (median) | runs |',
        '|---|---|---|---|---|',
        row('every day re-queued (user-year)', year),
        row('all types × 30 days (user-month)', month),
        row('4 types × 1 day (small job)', small),
        row('hour/day recompute only, all types × the year', yearOnly),
        row('hour/day recompute only, all types × 30 days', monthOnly),
        '',
        `Small job wall: p90 ${ms(
          percentile(
            small.map((t) => t.wallMs),
            90,
          ),
        )}, max ${ms(Math.max(...small.map((t) => t.wallMs)))}.`,
      ].join('\n'),
    );
  } finally {
    await app.close();
    await db.drop();
  }
}

await main();
