import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../src/test-support/test-db.js';
import { demoPerson, type DemoBatch } from './lib-demo.js';
import { BenchClient } from './lib-http.js';
import { startServerProcess } from './lib-server.js';
import { waitForIdleWorkers } from './lib-workers.js';

/**
 * The backlog target (a user-year from five devices, default limits on: every day rolled up
 * within 30 s of the first request): one person's demo year, its five devices each sending its
 * history in batches of 5,000 as fast as it is answered, all at once, against a server in its own
 * process with the production worker loops and its default rate limits. Prints when the last
 * batch was acknowledged and when every day was rolled up, from the first request, and how many
 * 429s were met (any is a failure). Run from sync-server/:
 *   node --conditions=@hearth/source --import tsx bench/backlog.bench.ts
 */
const TIME_ZONE = 'Europe/Berlin';
const WORKER_LOOPS = 2;

async function main(): Promise<void> {
  const db = await createTestDatabase({ requireServer: true });
  const logFile = join(tmpdir(), `hearth-bench-backlog-${process.pid}.log`);
  const server = await startServerProcess({
    databaseUrl: db.url,
    masterKeyHex: randomBytes(32).toString('hex'),
    logFile,
    workers: WORKER_LOOPS,
    rateLimits: 'default',
  });
  const client = new BenchClient(server.port, 8);
  try {
    const { batches } = await demoPerson(client, {
      seed: 'backlog',
      email: `backlog-${process.pid}@bench.example.org`,
      endDate: '2026-11-30',
      days: 365,
      timeZone: TIME_ZONE,
    });
    // One stream per device, each sending its own history in order, all devices at once.
    const streams = new Map<string, DemoBatch[]>();
    for (const batch of batches) {
      const own = streams.get(batch.deviceId) ?? [];
      own.push(batch);
      streams.set(batch.deviceId, own);
    }
    const samples = batches.reduce((n, b) => n + b.samples, 0);
    let limited = 0;
    const started = performance.now();
    await Promise.all(
      [...streams.values()].map(async (own) => {
        for (const batch of own) {
          const res = await client.request('POST', `/api/v1/devices/${batch.deviceId}/sync`, {
            body: batch.body,
            headers: { authorization: `Bearer ${batch.token}` },
          });
          if (res.status === 429) limited++;
          else if (res.status !== 200)
            throw new Error(`sync ${res.status}: ${res.body.slice(0, 300)}`);
        }
      }),
    );
    const acknowledgedMs = performance.now() - started;
    await waitForIdleWorkers(db.pool, 50);
    const rolledUpMs = performance.now() - started;
    const seconds = (msValue: number) => (msValue / 1000).toFixed(1);
    console.log(
      `backlog: ${samples.toLocaleString('en')} samples, ${streams.size} devices, ` +
        `${batches.length} batches; 429s: ${limited}; ` +
        `acknowledged ${seconds(acknowledgedMs)} s, every day rolled up ${seconds(rolledUpMs)} s ` +
        `after the first request (target ≤ 30 s)`,
    );
    if (limited > 0) process.exitCode = 1;
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
