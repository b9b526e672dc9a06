import { randomBytes } from 'node:crypto';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../src/test-support/test-db.js';
import { backendPids, CpuMeter } from './lib-cpu.js';
import { demoPerson, sendBatch, type DemoBatch } from './lib-demo.js';
import { BenchClient, type BenchUser } from './lib-http.js';
import { startServerProcess } from './lib-server.js';
import { summarize } from './lib-stats.js';
import { waitForIdleWorkers } from './lib-workers.js';

/**
 * Capacity (SPECIFICATION.md §9): many people at once. BENCH_USERS people (default 1,000), each
 * with the demo's five devices and one day of their data (~1,430 samples: the seed's ~1,500 a
 * day), replayed as fast as the server answers — every device's day in batches, all people
 * interleaved — while 20 clients read summaries of random people. Reports, from the first batch
 * until every sample is folded and every day rolled up: samples/s end to end, CPU seconds used
 * by the server process and PostgreSQL (samples per CPU-second is the per-core figure), the p99
 * of the summary reads during the load, and the bytes at rest per sample and per user-year.
 * Run from sync-server/: node --conditions=@hearth/source --import tsx bench/capacity.bench.ts
 */
const USERS = Number(process.env['BENCH_USERS'] ?? 1000);
const DAY = '2026-11-30';
const TIME_ZONE = 'Europe/Berlin';
const SENDERS = 16;
const READERS = 20;
const SAMPLES_PER_USER_YEAR = 507_469; // the demo user-year of storage.bench.ts

/**
 * The server's event-loop delay since the previous call (prom-client's default metrics reset their
 * histogram at every scrape), in ms: how long a ready request can wait for the loop, whatever
 * it needs from PostgreSQL.
 */
async function eventLoopDelay(client: BenchClient): Promise<{ p99: number; max: number }> {
  const res = await client.request('GET', '/metrics');
  const seconds = (name: string) =>
    Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(res.body)?.[1] ?? Number.NaN);
  return {
    p99: seconds('nodejs_eventloop_lag_p99_seconds') * 1000,
    max: seconds('nodejs_eventloop_lag_max_seconds') * 1000,
  };
}

async function main(): Promise<void> {
  const db = await createTestDatabase({ requireServer: true });
  const server = await startServerProcess({
    databaseUrl: db.url,
    masterKeyHex: randomBytes(32).toString('hex'),
    logFile: join(tmpdir(), `hearth-bench-capacity-${process.pid}.log`),
    workers: 2,
  });
  const client = new BenchClient(server.port, SENDERS + READERS);
  try {
    const people: Array<{ user: BenchUser; batches: DemoBatch[] }> = [];
    const preparing = performance.now();
    for (let i = 0; i < USERS; i += 4) {
      const chunk = Array.from({ length: Math.min(4, USERS - i) }, (_, k) =>
        demoPerson(client, {
          seed: `capacity-${i + k}`,
          email: `capacity-${i + k}-${process.pid}@bench.example.org`,
          endDate: DAY,
          days: 1,
          timeZone: TIME_ZONE,
        }),
      );
      people.push(...(await Promise.all(chunk)));
    }
    console.log(
      `${USERS} people with 5 devices each ready in ${((performance.now() - preparing) / 1000).toFixed(0)} s`,
    );
    // Round-robin over people, so every moment has many people's batches in flight.
    const queue: DemoBatch[] = [];
    for (let round = 0; ; round++) {
      const before = queue.length;
      for (const person of people) if (person.batches[round]) queue.push(person.batches[round]!);
      if (queue.length === before) break;
    }
    const samples = queue.reduce((n, b) => n + b.samples, 0);

    const pids = async () => [
      server.child.pid!,
      ...(await backendPids(db.pool, 'hearth')),
      ...(await backendPids(db.pool, 'hearth-listen')),
    ];
    const meter = new CpuMeter(await pids());
    await eventLoopDelay(client);
    const started = performance.now();
    let loading = true;
    const reads: number[] = [];
    const readers = Array.from({ length: READERS }, async (_, r) => {
      for (let k = r; loading; k += READERS) {
        const person = people[(k * 7919) % people.length]!;
        const t = performance.now();
        const res = await client.request('GET', `/api/v1/users/me/summary?date=${DAY}`, {
          headers: { cookie: person.user.cookie },
        });
        if (res.status !== 200) throw new Error(`summary ${res.status}`);
        reads.push(performance.now() - t);
      }
    });
    let next = 0;
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (next < queue.length) {
          await sendBatch(client, queue[next++]!);
        }
      }),
    );
    const acknowledgedMs = performance.now() - started;
    await waitForIdleWorkers(db.pool, 100);
    const doneMs = performance.now() - started;
    const loop = await eventLoopDelay(client);
    loading = false;
    await Promise.all(readers);
    const cpuMs = meter.usedMs(await pids());

    const size = await db.pool.query<{ bytes: string }>(
      `SELECT sum(pg_total_relation_size(c.oid)) AS bytes FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'`,
    );
    const bytesPerSample = Number(size.rows[0]!.bytes) / samples;
    const read = summarize(reads);
    const endToEnd = samples / (doneMs / 1000);
    const perCpuSecond = samples / (cpuMs / 1000);
    console.log(
      [
        `${samples.toLocaleString('en')} samples from ${USERS} people (${queue.length} batches)`,
        `acknowledged in ${(acknowledgedMs / 1000).toFixed(1)} s, folded and rolled up in ${(doneMs / 1000).toFixed(1)} s: ${Math.round(endToEnd).toLocaleString('en')} samples/s end to end`,
        `CPU (server + PostgreSQL): ${(cpuMs / 1000).toFixed(1)} s, ${Math.round(perCpuSecond).toLocaleString('en')} samples per CPU-second`,
        `summary reads during the load: ${reads.length} reads, p50 ${read.p50.toFixed(1)} ms, p99 ${read.p99.toFixed(1)} ms, max ${read.max.toFixed(0)} ms`,
        `server event-loop delay during the load: p99 ${loop.p99.toFixed(1)} ms, max ${loop.max.toFixed(0)} ms`,
        `at rest: ${bytesPerSample.toFixed(1)} bytes a sample live, ${((bytesPerSample * SAMPLES_PER_USER_YEAR) / 2 ** 20).toFixed(1)} MiB a user-year`,
        `load average at the end: ${loadavg()
          .map((l) => l.toFixed(2))
          .join(', ')}`,
      ].join('\n'),
    );
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
