import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoData } from '@hearth/core';
import { MAX_SAMPLES_PER_SYNC } from '@hearth/schema';
import { createTestDatabase } from '../src/test-support/test-db.js';
import { BenchClient, createBenchUser } from './lib-http.js';
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
    const demo = generateDemoData({
      seed: 'backlog',
      endDate: '2026-11-30',
      days: 365,
      timeZone: TIME_ZONE,
    });
    const first = demo.devices[0];
    if (!first) throw new Error('no demo device');
    const user = await createBenchUser(
      client,
      `backlog-${process.pid}@bench.example.org`,
      TIME_ZONE,
      { name: first.name, kind: first.kind },
    );
    const streams = [];
    for (const device of demo.devices) {
      const { body } =
        device === first
          ? { body: { id: user.deviceId, token: user.deviceToken } }
          : await client.json<{ id: string; token: string }>('POST', '/api/v1/devices', {
              body: { name: device.name, kind: device.kind },
              headers: { cookie: user.cookie },
              expected: 201,
            });
      const own = demo.samples
        .filter((s) => s.sourceDevice === device.id)
        .map((s) => ({ ...s, sourceDevice: body.id }));
      const bodies: Buffer[] = [];
      for (let at = 0; at < own.length; at += MAX_SAMPLES_PER_SYNC) {
        bodies.push(
          Buffer.from(JSON.stringify({ samples: own.slice(at, at + MAX_SAMPLES_PER_SYNC) })),
        );
      }
      streams.push({ id: body.id, token: body.token, bodies, samples: own.length });
    }
    const samples = streams.reduce((n, s) => n + s.samples, 0);
    let limited = 0;
    const started = performance.now();
    await Promise.all(
      streams.map(async (s) => {
        for (const body of s.bodies) {
          const res = await client.request('POST', `/api/v1/devices/${s.id}/sync`, {
            body,
            headers: { authorization: `Bearer ${s.token}` },
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
      `backlog: ${samples.toLocaleString('en')} samples, ${streams.length} devices, ` +
        `${streams.reduce((n, s) => n + s.bodies.length, 0)} batches; 429s: ${limited}; ` +
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
