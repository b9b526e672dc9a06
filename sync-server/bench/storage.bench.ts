import { randomBytes } from 'node:crypto';
import { addLocalDays } from '@hearth/core';
import { HEALTH_DATA_TYPES } from '@hearth/schema';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Queryable } from '../src/db/pool.js';
import { createTestDatabase } from '../src/test-support/test-db.js';
import { demoPerson, sendBatch } from './lib-demo.js';
import { BenchClient } from './lib-http.js';
import { startServerProcess } from './lib-server.js';
import { waitForIdleWorkers } from './lib-workers.js';
import { ms, summarize } from './lib-stats.js';

/**
 * Bytes at rest per sample (issue target: ≤ 16 live, rollups and indexes included): one person's
 * demo year from five devices sent over the device API to a server in its own process with its
 * workers, then, once every batch is folded and every day rolled up, the size of every table
 * (heap, TOAST and indexes) divided by the samples acknowledged — live, then after
 * `VACUUM FULL`, which shows how much of the live size is churn (dead tuples, free space).
 * Run from sync-server/: node --conditions=@hearth/source --import tsx bench/storage.bench.ts
 */
const TIME_ZONE = 'Europe/Berlin';
const DAYS = Number(process.env['BENCH_DAYS'] ?? 365);

/**
 * Aggregates read latency, one request at a time, every type, each request a different range (so
 * every one misses the cache): hours are computed from the series when read, days read stored rows.
 */
async function aggregatesLatency(
  client: BenchClient,
  cookie: string,
  endDate: string,
  days: number,
): Promise<void> {
  const ROUNDS = 40;
  const types = HEALTH_DATA_TYPES.join(',');
  for (const period of ['hour', 'day'] as const) {
    for (const span of [1, 7, 31, 92].filter((n) => n <= days)) {
      const times: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const last = addLocalDays(endDate, -((i * 3) % Math.max(1, days - span + 1)));
        const first = addLocalDays(last, -(span - 1));
        const url = `/api/v1/users/me/aggregates?types=${types}&period=${period}&startDate=${first}&endDate=${last}`;
        const t0 = performance.now();
        const res = await client.request('GET', url, { headers: { cookie } });
        times.push(performance.now() - t0);
        if (res.status !== 200)
          throw new Error(`aggregates ${res.status}: ${res.body.slice(0, 200)}`);
      }
      const s = summarize(times);
      console.log(
        `aggregates period=${period}, ${span} day${span > 1 ? 's' : ''}, every type: ` +
          `p50 ${ms(s.p50)}, p99 ${ms(s.p99)} (${s.count} requests, one at a time)`,
      );
    }
  }
}

interface TableSize {
  table: string;
  rows: number;
  bytes: number;
}

async function tableSizes(db: Queryable): Promise<TableSize[]> {
  const res = await db.query<{ table: string; rows: string; bytes: string }>(
    `SELECT c.relname AS table, c.reltuples::bigint AS rows,
            pg_total_relation_size(c.oid) AS bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
      ORDER BY bytes DESC`,
  );
  return res.rows.map((r) => ({ table: r.table, rows: Number(r.rows), bytes: Number(r.bytes) }));
}

/**
 * Queues empty once the workers are idle: what they hold on disk is the space of their peak
 * backlog, reused by the next batches and shared by everyone sending, not a person's history.
 */
const QUEUES = new Set(['ingest_inbox', 'rollup_queue']);

function report(label: string, sizes: TableSize[], samples: number): void {
  const total = sizes.reduce((n, s) => n + s.bytes, 0);
  const history = sizes.filter((s) => !QUEUES.has(s.table)).reduce((n, s) => n + s.bytes, 0);
  console.log(
    `\n${label}: ${(total / samples).toFixed(1)} bytes a sample, ${(total / 2 ** 20).toFixed(1)} MiB ` +
      `(${(history / samples).toFixed(1)} without the emptied ingest inbox and rollup queue)`,
  );
  console.log('| table | rows | MiB | bytes a sample | bytes a row |\n|---|---:|---:|---:|---:|');
  for (const s of sizes.filter((t) => t.bytes / samples >= 0.05)) {
    console.log(
      `| ${s.table} | ${s.rows.toLocaleString('en')} | ${(s.bytes / 2 ** 20).toFixed(2)} | ` +
        `${(s.bytes / samples).toFixed(1)} | ${s.rows > 0 ? Math.round(s.bytes / s.rows) : '–'} |`,
    );
  }
}

async function main(): Promise<void> {
  const db = await createTestDatabase({ requireServer: true });
  const logFile = join(tmpdir(), `hearth-bench-storage-${process.pid}.log`);
  const server = await startServerProcess({
    databaseUrl: db.url,
    masterKeyHex: randomBytes(32).toString('hex'),
    logFile,
    workers: 2,
  });
  const client = new BenchClient(server.port, 8);
  try {
    const { user, batches } = await demoPerson(client, {
      seed: 'storage',
      email: `storage-${process.pid}@bench.example.org`,
      endDate: '2026-11-30',
      days: DAYS,
      timeZone: TIME_ZONE,
    });
    let acknowledged = 0;
    for (const batch of batches) acknowledged += await sendBatch(client, batch);
    await waitForIdleWorkers(db.pool, 100);
    await db.pool.query('ANALYZE');
    console.log(
      `${acknowledged.toLocaleString('en')} samples acknowledged from five devices, ${DAYS} days`,
    );
    const payload = await db.pool.query<{ bytes: string; points: string; rows: string }>(
      'SELECT sum(length(payload)) AS bytes, sum(point_count) AS points, count(*) AS rows FROM series',
    );
    const { bytes, points, rows } = payload.rows[0]!;
    console.log(
      `series payloads: ${(Number(bytes) / Number(points)).toFixed(1)} bytes a point sealed ` +
        `(${Number(points).toLocaleString('en')} points in ${Number(rows).toLocaleString('en')} rows, ` +
        `${(Number(points) / Number(rows)).toFixed(1)} a row)`,
    );
    const periods = await db.pool.query<{ period: string; rows: string }>(
      'SELECT period, count(*) AS rows FROM rollups GROUP BY period ORDER BY period',
    );
    console.log(`rollup rows: ${periods.rows.map((r) => `${r.period} ${r.rows}`).join(', ')}`);
    report('live', await tableSizes(db.pool), acknowledged);
    console.log('');
    await aggregatesLatency(client, user.cookie, '2026-11-30', DAYS);
    await db.pool.query('VACUUM FULL');
    await db.pool.query('ANALYZE');
    report('after VACUUM FULL', await tableSizes(db.pool), acknowledged);
  } finally {
    client.close();
    await server.stop();
    await db.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
