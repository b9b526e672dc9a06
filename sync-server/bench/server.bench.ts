import { randomBytes } from 'node:crypto';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../src/test-support/test-db.js';
import {
  createCopyTable,
  ingestOverHttp,
  ingestWithCopy,
  prepareDevices,
  type IngestPlan,
  type IngestProcesses,
  type Throughput,
} from './ingest-throughput.js';
import { BenchClient, createBenchUser, type BenchUser } from './lib-http.js';
import { startServerProcess, type ServerProcess } from './lib-server.js';
import { backendPids } from './lib-cpu.js';
import { ms } from './lib-stats.js';
import { waitForIdleWorkers } from './lib-workers.js';
import { measureRollupVisibility } from './rollup-visibility.js';
import { measureSummaryLatency, type RequestCpu } from './summary-latency.js';
import { measureJsonParse } from './json-parse.js';

/**
 * `npm run bench:server`: device ingest vs raw COPY, rollup visibility under sustained ingest,
 * and summary latency at 20 concurrent clients, against a real listening server (its own
 * process) on a fresh PostgreSQL database (TEST_DATABASE_URL, else 127.0.0.1:5432).
 */
const DEVICES = 4;
/** Measured rounds of ingest alone: the machine is shared and noisy, one round is not enough. */
const ALONE_ROUNDS = 3;
const PLAN: IngestPlan = { days: 30, endDate: '2026-03-31', timeZone: 'Europe/Paris' };
const LOAD_PLAN: IngestPlan = { days: 30, endDate: '2026-04-30', timeZone: 'America/New_York' };
const SUMMARY_DATES = Array.from(
  { length: 30 },
  (_, i) => `2026-03-${String(i + 2).padStart(2, '0')}`,
);
const masterKeyHex = randomBytes(32).toString('hex');
/** What server.ts runs against an external PostgreSQL (EXTERNAL_WORKER_LOOPS). */
const PRODUCTION_WORKER_LOOPS = 2;

function rate(t: Throughput): string {
  return `${Math.round(t.samplesPerSecond).toLocaleString('en')} samples/s (${t.samples.toLocaleString('en')} in ${(t.elapsedMs / 1000).toFixed(1)} s)`;
}

async function withServer<T>(
  db: TestDatabase,
  workers: number,
  run: (server: ServerProcess, client: BenchClient) => Promise<T>,
): Promise<T> {
  const logFile = join(tmpdir(), `hearth-bench-server-${process.pid}-${workers}.log`);
  const server = await startServerProcess({ databaseUrl: db.url, masterKeyHex, logFile, workers });
  const client = new BenchClient(server.port, 32);
  try {
    return await run(server, client);
  } finally {
    client.close();
    await server.stop();
  }
}

/** The server process, and the database backends of its pool and its LISTEN connection. */
function serverProcesses(server: ServerProcess, db: TestDatabase): IngestProcesses {
  return {
    appPid: server.child.pid ?? 0,
    dbPids: async () => [
      ...(await backendPids(db.pool, 'hearth')),
      ...(await backendPids(db.pool, 'hearth-listen')),
    ],
  };
}

/**
 * A fresh server process runs its first requests unoptimised (V8 compiles the hot paths as they
 * run); a server in service has long been warm. So each server first takes 10 days of four
 * devices' batches, unmeasured.
 */
async function warmUp(client: BenchClient, label: string): Promise<BenchUser[]> {
  const streams = await prepareDevices(client, `${label}-warm-up`, DEVICES, { ...PLAN, days: 10 });
  await ingestOverHttp(client, streams, { appPid: 0, dbPids: async () => [] });
  return streams.map((st) => st.user);
}

/** HTTP then COPY of the same rows, for `rounds` fresh sets of devices. */
async function ingestRounds(
  server: ServerProcess,
  client: BenchClient,
  db: TestDatabase,
  label: string,
  rounds: number,
  withWorkers = false,
) {
  const results: Array<{
    http: Throughput;
    copy: Throughput;
    users: BenchUser[];
    /** Samples per second from the first request to the last of them rolled up (with workers). */
    rolledUpPerSecond: number | null;
  }> = [];
  for (let r = 0; r < rounds; r++) {
    const streams = await prepareDevices(client, `${label}-${r}`, DEVICES, PLAN);
    const http = await ingestOverHttp(client, streams, serverProcesses(server, db));
    let rolledUpPerSecond: number | null = null;
    if (withWorkers) {
      // Acknowledged is durable; folded into series and rolled up is what a reader sees.
      const idle = await waitForIdleWorkers(db.pool, 20);
      const seconds = (http.elapsedMs + idle.ms) / 1000;
      rolledUpPerSecond = http.samples / seconds;
      console.log(
        `  ${label} round ${r + 1}: last ack → inbox folded and days rolled up ${(idle.ms / 1000).toFixed(1)} s later (${idle.samples.toLocaleString('en')} samples still waiting at the last ack); ingest to fully rolled up: ${Math.round(rolledUpPerSecond).toLocaleString('en')} samples/s`,
      );
    }
    const copy = await ingestWithCopy(db.url, streams);
    console.log(
      `  ${label} round ${r + 1}: HTTP ${rate(http)} | COPY ${rate(copy)} | ratio ${(http.samplesPerSecond / copy.samplesPerSecond).toFixed(2)}× | CPU per sample: HTTP ${http.cpuMicrosPerSample.toFixed(1)} µs (server ${http.appMicrosPerSample.toFixed(1)} + database ${http.dbMicrosPerSample.toFixed(1)}), COPY ${copy.cpuMicrosPerSample.toFixed(1)} µs`,
    );
    results.push({ http, copy, users: streams.map((st) => st.user), rolledUpPerSecond });
  }
  return results;
}

function totalRatio(results: ReadonlyArray<{ http: Throughput; copy: Throughput }>): string {
  const sum = (pick: (t: { http: Throughput; copy: Throughput }) => Throughput) =>
    results.reduce((acc, r) => ({ s: acc.s + pick(r).samples, t: acc.t + pick(r).elapsedMs }), {
      s: 0,
      t: 0,
    });
  const h = sum((r) => r.http);
  const c = sum((r) => r.copy);
  const httpRate = (h.s / h.t) * 1000;
  const copyRate = (c.s / c.t) * 1000;
  return `HTTP ${Math.round(httpRate).toLocaleString('en')} samples/s vs COPY ${Math.round(copyRate).toLocaleString('en')} samples/s → **${(httpRate / copyRate).toFixed(2)}×**`;
}

type IngestResults = Awaited<ReturnType<typeof ingestRounds>>;

/** Ingest alone (no worker), then with the in-process worker after it drained the backlog. */
async function ingestPhase(
  db: TestDatabase,
): Promise<{ alone: IngestResults; withWorker: IngestResults; warmUpUsers: BenchUser[] }> {
  console.log('\n1. Ingest, 1,000-sample batches, 4 devices (4 users) in parallel');
  const alone = await withServer(db, 0, async (server, client) => {
    await warmUp(client, 'alone');
    return ingestRounds(server, client, db, 'alone', ALONE_ROUNDS);
  });
  let warmUpUsers: BenchUser[] = [];
  const withWorker = await withServer(db, PRODUCTION_WORKER_LOOPS, async (server, client) => {
    warmUpUsers = await warmUp(client, 'with-worker');
    const drained = await waitForIdleWorkers(db.pool);
    console.log(
      `  workers folded the backlog of ${drained.samples.toLocaleString('en')} acknowledged samples and rolled up their days in ${(drained.ms / 1000).toFixed(1)} s`,
    );
    const rounds = await ingestRounds(server, client, db, 'with-worker', 1, true);
    await waitForIdleWorkers(db.pool);
    return rounds;
  });
  console.log(`  without the worker: ${totalRatio(alone)}`);
  console.log(`  with the in-process workers: ${totalRatio(withWorker)}`);
  return { alone, withWorker, warmUpUsers };
}

async function visibilityPhase(db: TestDatabase, client: BenchClient, target: number) {
  console.log(`\n2. Rollup visibility under sustained ingest (${target} samples/s offered)`);
  const background = await prepareDevices(client, 'load', DEVICES, LOAD_PLAN);
  const probe = await createBenchUser(client, 'probe@bench.example.org', 'UTC', {
    name: 'Phone',
    kind: 'iphone',
  });
  const vis = await measureRollupVisibility({
    client,
    databaseUrl: db.url,
    background,
    planDays: LOAD_PLAN.days,
    probe,
    targetSamplesPerSecond: target,
    probes: 200,
  });
  console.log(
    `  background ingest achieved: ${Math.round(vis.backgroundSamplesPerSecond)} samples/s`,
  );
  console.log(
    `  commit → NOTIFY: p50 ${ms(vis.notify.p50)}, p99 ${ms(vis.notify.p99)}, max ${ms(vis.notify.max)} (${vis.notify.count} probes)`,
  );
  console.log(
    `  commit → visible in GET /summary: p50 ${ms(vis.visible.p50)}, p99 ${ms(vis.visible.p99)}, max ${ms(vis.visible.max)}`,
  );
  await waitForIdleWorkers(db.pool);
}

function cpuText(cpu: RequestCpu): string {
  const us = (v: number) => `${Math.round(v)} µs`;
  return `CPU a request: server ${us(cpu.serverUs)}, PostgreSQL ${us(cpu.databaseUs)}, load generator ${us(cpu.loadUs)}`;
}

async function summaryPhase(
  client: BenchClient,
  readers: BenchUser[],
  warmUpUsers: BenchUser[],
  processes: IngestProcesses,
) {
  console.log('\n3. GET /api/v1/users/me/summary, 20 concurrent keep-alive clients');
  const lat = await measureSummaryLatency({
    client,
    users: readers,
    dates: SUMMARY_DATES,
    concurrency: 20,
    durationMs: 10_000,
    processes,
    warmUpUsers,
  });
  console.log(
    `  cold (each user-date once, ${lat.cold.count} requests): p50 ${ms(lat.cold.p50)}, p99 ${ms(lat.cold.p99)}, max ${ms(lat.cold.max)}; ${cpuText(lat.cold.cpu)}`,
  );
  console.log(
    `  warm (${lat.warm.count} requests, ${Math.round(lat.warm.requestsPerSecond)} req/s): p50 ${ms(lat.warm.p50)}, p99 ${ms(lat.warm.p99)}, max ${ms(lat.warm.max)}; ${cpuText(lat.warm.cpu)}`,
  );
  console.log(
    `  load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
}

/**
 * BENCH_ONLY=summary: the 16 people of the full run (four rounds of four devices) loaded and rolled
 * up by one server, then the summary phase in SUMMARY_SERVERS fresh server processes in turn, each
 * starting with an empty cache as after a restart. Minutes instead of the whole run's four, so
 * that versions can be compared back to back on this shared machine.
 */
const SUMMARY_SERVERS = 3;

async function summaryOnly(db: TestDatabase, workers: number): Promise<void> {
  const readers = await withServer(db, workers, async (_server, client) => {
    const users: BenchUser[] = [];
    // The first four people only warm each server up, as the full run's warm-up people do.
    for (let r = 0; r < 5; r++) {
      const streams = await prepareDevices(client, `summary-${r}`, DEVICES, PLAN);
      await ingestOverHttp(client, streams, { appPid: 0, dbPids: async () => [] });
      users.push(...streams.map((st) => st.user));
    }
    await waitForIdleWorkers(db.pool);
    return users;
  });
  for (let i = 0; i < SUMMARY_SERVERS; i++) {
    await withServer(db, workers, async (server, client) => {
      const [warmUpUsers, measured] = [readers.slice(0, DEVICES), readers.slice(DEVICES)];
      await summaryPhase(client, measured, warmUpUsers, serverProcesses(server, db));
    });
  }
}

/**
 * Options (environment of the benchmark process, not of Hearth):
 * BENCH_ONLY=visibility skips ingest and summary, BENCH_ONLY=ingest runs only ingest, BENCH_ONLY=json
 * only the parsing microbenchmark, BENCH_ONLY=summary only the summary phase (above); BENCH_WORKERS (default 2, as server.ts) in-process
 * rollup worker loops for phases 2–3; BENCH_TARGET offered background load in samples/s (default: half the
 * rate at which phase 1 got samples from the first request to rolled up with the workers running, or
 * 5,000 with BENCH_ONLY).
 */
async function main(): Promise<void> {
  const cpu = cpus();
  console.log(
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  const only = process.env['BENCH_ONLY'];
  if (!only || only === 'json') measureJsonParse();
  if (only === 'json') return;
  const workers = Number(process.env['BENCH_WORKERS'] ?? PRODUCTION_WORKER_LOOPS);
  const db = await createTestDatabase({ poolMax: 4, requireServer: true });
  try {
    const pgVersion = (await db.pool.query<{ server_version: string }>('SHOW server_version'))
      .rows[0]?.server_version;
    console.log(`PostgreSQL ${pgVersion}, fresh database, synchronous_commit on`);
    if (only === 'summary') return await summaryOnly(db, workers);
    await createCopyTable(db.pool);
    const ingest = only === 'visibility' ? null : await ingestPhase(db);
    if (only === 'ingest') return;
    // Half of what the workers can fold and roll up while ingest runs: acknowledging is faster
    // than that, and an offered load above it only grows the backlog.
    const measured = ingest?.withWorker[0]?.rolledUpPerSecond;
    const target =
      Number(process.env['BENCH_TARGET'] ?? 0) ||
      (measured ? Math.round(measured / 2 / 100) * 100 : 5000);
    await withServer(db, workers, async (server, client) => {
      console.log(`\n(${workers} in-process rollup worker loops)`);
      await visibilityPhase(db, client, target);
      if (ingest) {
        // The ingest users: 16 people with 30 days of watch data each, fully rolled up.
        await summaryPhase(
          client,
          [...ingest.alone, ...ingest.withWorker].flatMap((r) => r.users),
          ingest.warmUpUsers,
          serverProcesses(server, db),
        );
      }
    });
  } finally {
    await db.drop();
  }
}

void main();
