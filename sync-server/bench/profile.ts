import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../src/test-support/test-db.js';
import { ingestOverHttp, prepareDevices, type DeviceStream } from './ingest-throughput.js';
import { backendPids, CpuMeter } from './lib-cpu.js';
import { BenchClient, createBenchUser } from './lib-http.js';
import { startServerProcess, type ServerProcess } from './lib-server.js';
import { waitForIdleWorkers } from './lib-workers.js';
import { measureRollupVisibility } from './rollup-visibility.js';
import { measureSummaryLatency } from './summary-latency.js';
import { summarize } from './lib-stats.js';

/**
 * Profiles the benchmark server during one phase (a V8 CPU profile for Chrome DevTools or
 * speedscope; the data a phase needs is loaded by an unprofiled server first):
 *   node --conditions=@hearth/source --import tsx bench/profile.ts ingest        # no worker
 *   node --conditions=@hearth/source --import tsx bench/profile.ts visibility    # 2 worker loops
 *   node --conditions=@hearth/source --import tsx bench/profile.ts summary
 *   node --conditions=@hearth/source --import tsx bench/profile.ts miss         # cache misses only
 */
const PLAN = { days: 30, endDate: '2026-03-31', timeZone: 'Europe/Paris' };
const masterKeyHex = randomBytes(32).toString('hex');
const profileDir = mkdtempSync(join(tmpdir(), 'hearth-profile-'));

function start(db: TestDatabase, workers: number, profiled: boolean): Promise<ServerProcess> {
  return startServerProcess({
    databaseUrl: db.url,
    masterKeyHex,
    logFile: join(profileDir, `server-${profiled ? 'profiled' : 'loader'}.log`),
    workers,
    nodeArgs: profiled ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
}

async function withClient<T>(
  server: ServerProcess,
  run: (c: BenchClient, server: ServerProcess) => Promise<T>,
) {
  const client = new BenchClient(server.port, 24);
  try {
    return await run(client, server);
  } finally {
    client.close();
    await server.stop();
  }
}

async function loadUsers(db: TestDatabase): Promise<DeviceStream[]> {
  return withClient(await start(db, 2, false), async (client) => {
    const streams = await prepareDevices(client, 'readers', 4, PLAN);
    await ingestOverHttp(client, streams, { appPid: 0, dbPids: async () => [] });
    await waitForIdleWorkers(db.pool);
    return streams;
  });
}

async function profilePhase(db: TestDatabase, phase: string): Promise<void> {
  const readers = phase === 'summary' || phase === 'miss' ? await loadUsers(db) : [];
  const workers = phase === 'ingest' ? 0 : 2;
  const profiled = process.env['BENCH_PROFILE'] !== '0';
  await withClient(await start(db, workers, profiled), async (client, serverProcess) => {
    if (phase === 'ingest') {
      for (let round = 0; round < 2; round++) {
        const streams = await prepareDevices(client, `profile-${round}`, 4, PLAN);
        const result = await ingestOverHttp(client, streams, { appPid: 0, dbPids: async () => [] });
        console.log(`round ${round + 1}: ${Math.round(result.samplesPerSecond)} samples/s`);
      }
    } else if (phase === 'visibility') {
      const background = await prepareDevices(client, 'load', 4, PLAN);
      const probe = await createBenchUser(client, 'probe@bench.example.org', 'UTC', {
        name: 'Phone',
        kind: 'iphone',
      });
      const args = {
        client,
        databaseUrl: db.url,
        background,
        planDays: PLAN.days,
        probe,
        probes: 60,
      };
      const result = await measureRollupVisibility({ ...args, targetSamplesPerSecond: 8000 });
      console.log(JSON.stringify(result));
    } else if (phase === 'miss') {
      const pids = async () => [
        ...(await backendPids(db.pool, 'hearth')),
        ...(await backendPids(db.pool, 'hearth-listen')),
      ];
      const server = new CpuMeter([serverProcess.child.pid!]);
      const database = new CpuMeter(await pids());
      const own = process.cpuUsage();
      const result = await measureMisses(db, client, readers);
      const used = process.cpuUsage(own);
      const ownMs = (used.user + used.system) / 1000;
      const perRequest = (cpuMs: number) => `${((cpuMs * 1000) / result.count).toFixed(0)} µs`;
      console.log(JSON.stringify(result));
      console.log(
        `CPU a request: server ${perRequest(server.usedMs([serverProcess.child.pid!]))}, PostgreSQL ${perRequest(database.usedMs(await pids()))}, load generator ${perRequest(ownMs)}`,
      );
    } else {
      const users = readers.map((r) => r.user);
      const dates = Array.from(
        { length: 30 },
        (_, i) => `2026-03-${String(i + 2).padStart(2, '0')}`,
      );
      const processes = {
        appPid: serverProcess.child.pid!,
        dbPids: async () => backendPids(db.pool, 'hearth'),
      };
      const args = { client, users, dates, concurrency: 20, durationMs: 8000, processes };
      console.log(JSON.stringify(await measureSummaryLatency(args)));
    }
  });
}

/**
 * Rounds of cache misses: every round announces new rollups for each reader (the worker's NOTIFY,
 * which empties that person's cached summaries on the server) and then reads every (person, date)
 * once, 20 at a time.
 */
async function measureMisses(db: TestDatabase, client: BenchClient, readers: DeviceStream[]) {
  const dates = Array.from({ length: 30 }, (_, i) => `2026-03-${String(i + 2).padStart(2, '0')}`);
  const pairs = dates.flatMap((date) => readers.map((r) => ({ cookie: r.user.cookie, date })));
  const latencies: number[] = [];
  for (let round = 0; round < 40; round++) {
    for (const r of readers) {
      const payload = JSON.stringify({ u: r.user.userId, c: ['rollups'] });
      await db.pool.query("SELECT pg_notify('hearth_changes', $1)", [payload]);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < pairs.length) {
          const { cookie, date } = pairs[next++]!;
          const started = performance.now();
          const res = await client.request('GET', `/api/v1/users/me/summary?date=${date}`, {
            headers: { cookie },
          });
          if (res.status !== 200) throw new Error(`summary ${res.status}`);
          latencies.push(performance.now() - started);
        }
      }),
    );
  }
  return summarize(latencies);
}

async function main(phase: string): Promise<void> {
  const db = await createTestDatabase({ poolMax: 2, requireServer: true });
  try {
    await profilePhase(db, phase);
  } finally {
    await db.drop();
  }
  console.log(`CPU profile in ${profileDir}`);
}

void main(process.argv[2] ?? 'ingest');
