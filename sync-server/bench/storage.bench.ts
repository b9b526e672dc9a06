import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoData } from '@hearth/core';
import { MAX_SAMPLES_PER_SYNC } from '@hearth/schema';
import type { Queryable } from '../src/db/pool.js';
import { createTestDatabase } from '../src/test-support/test-db.js';
import { BenchClient, createBenchUser } from './lib-http.js';
import { startServerProcess } from './lib-server.js';
import { waitForIdleWorkers } from './lib-workers.js';

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

function report(label: string, sizes: TableSize[], samples: number): void {
  const total = sizes.reduce((n, s) => n + s.bytes, 0);
  console.log(
    `\n${label}: ${(total / samples).toFixed(1)} bytes a sample, ${(total / 2 ** 20).toFixed(1)} MiB`,
  );
  console.log('| table | rows | MiB | bytes a sample |\n|---|---:|---:|---:|');
  for (const s of sizes.filter((t) => t.bytes / samples >= 0.05)) {
    console.log(
      `| ${s.table} | ${s.rows.toLocaleString('en')} | ${(s.bytes / 2 ** 20).toFixed(2)} | ${(s.bytes / samples).toFixed(1)} |`,
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
    const demo = generateDemoData({
      seed: 'storage',
      endDate: '2026-11-30',
      days: DAYS,
      timeZone: TIME_ZONE,
    });
    const [first] = demo.devices;
    if (!first) throw new Error('no demo device');
    const user = await createBenchUser(
      client,
      `storage-${process.pid}@bench.example.org`,
      TIME_ZONE,
      first,
    );
    let acknowledged = 0;
    for (const device of demo.devices) {
      const { id, token } =
        device === first
          ? { id: user.deviceId, token: user.deviceToken }
          : (
              await client.json<{ id: string; token: string }>('POST', '/api/v1/devices', {
                body: { name: device.name, kind: device.kind },
                headers: { cookie: user.cookie },
                expected: 201,
              })
            ).body;
      const own = demo.samples
        .filter((s) => s.sourceDevice === device.id)
        .map((s) => ({ ...s, sourceDevice: id }));
      for (let at = 0; at < own.length; at += MAX_SAMPLES_PER_SYNC) {
        const { body } = await client.json<{ synced: number }>(
          'POST',
          `/api/v1/devices/${id}/sync`,
          {
            body: { samples: own.slice(at, at + MAX_SAMPLES_PER_SYNC) },
            headers: { authorization: `Bearer ${token}` },
          },
        );
        acknowledged += body.synced;
      }
    }
    await waitForIdleWorkers(db.pool, 100);
    await db.pool.query('ANALYZE');
    console.log(
      `${acknowledged.toLocaleString('en')} samples acknowledged, ${demo.devices.length} devices, ${DAYS} days`,
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
    report('live', await tableSizes(db.pool), acknowledged);
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
