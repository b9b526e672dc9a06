import { CpuMeter } from './lib-cpu.js';
import type { IngestProcesses } from './ingest-throughput.js';
import type { BenchClient, BenchUser } from './lib-http.js';
import { summarize, type LatencySummary } from './lib-stats.js';

/** CPU µs a request: the server process, its PostgreSQL backends, this load generator. */
export interface RequestCpu {
  serverUs: number;
  databaseUs: number;
  loadUs: number;
}

export interface SummaryLatency {
  /** Every (user, date) asked once, after a warm-up on other dates: each one a cache miss. */
  cold: LatencySummary & { cpu: RequestCpu };
  /** Repeated requests over the same pairs for `durationMs`. */
  warm: LatencySummary & { requestsPerSecond: number; cpu: RequestCpu };
}

/** Measures the CPU a stretch of `count` requests used, per request. */
async function cpuOf<T extends { length: number }>(
  processes: IngestProcesses,
  run: () => Promise<T>,
): Promise<{ result: T; cpu: RequestCpu }> {
  const server = new CpuMeter([processes.appPid]);
  const database = new CpuMeter(await processes.dbPids());
  const own = process.cpuUsage();
  const result = await run();
  const ownUs = process.cpuUsage(own);
  const per = (us: number) => us / Math.max(1, result.length);
  return {
    result,
    cpu: {
      serverUs: per(server.usedMs([processes.appPid]) * 1000),
      databaseUs: per(database.usedMs(await processes.dbPids()) * 1000),
      loadUs: per(ownUs.user + ownUs.system),
    },
  };
}

const WARM_UP_DATE = '2020-01-01';
const WARM_UP_ROUNDS = 50;

/** Runs `count` tasks, `concurrency` at a time; returns their results in completion order. */
async function runConcurrently<T>(
  concurrency: number,
  count: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) results.push(await task(next++));
    }),
  );
  return results;
}

interface Pair {
  user: BenchUser;
  date: string;
}

async function timedGet(client: BenchClient, pair: Pair): Promise<number> {
  const started = performance.now();
  const res = await client.request('GET', `/api/v1/users/me/summary?date=${pair.date}`, {
    headers: { cookie: pair.user.cookie },
  });
  const elapsed = performance.now() - started;
  if (res.status !== 200) throw new Error(`summary ${res.status}: ${res.body.slice(0, 200)}`);
  return elapsed;
}

/** `concurrency` clients, each with its own keep-alive connection, each one request at a time. */
export async function measureSummaryLatency(options: {
  client: BenchClient;
  users: readonly BenchUser[];
  dates: readonly string[];
  concurrency: number;
  durationMs: number;
  processes: IngestProcesses;
  /** People not measured, with data on `dates`, whose misses warm the server up. */
  warmUpUsers?: readonly BenchUser[];
}): Promise<SummaryLatency> {
  const { client, concurrency } = options;
  const pairs: Pair[] = options.users.flatMap((user) =>
    options.dates.map((date) => ({ user, date })),
  );
  // Interleave users so concurrent requests are for different people, as in real traffic.
  pairs.sort((a, b) => a.date.localeCompare(b.date));
  // Warm-up on a date outside the measured ones: sessions, user keys, pool connections and JIT
  // are ready, but no measured (user, date) is cached yet.
  const warmUp = options.users.map((user) => ({ user, date: WARM_UP_DATE }));
  await runConcurrently(concurrency, WARM_UP_ROUNDS * warmUp.length, (i) =>
    timedGet(client, warmUp[i % warmUp.length] as Pair),
  );
  // A date with no data never runs the decryption of a miss: other people's days do, so a fresh
  // server's first measured misses are not also its first compilations of that path.
  const others = (options.warmUpUsers ?? []).flatMap((user) =>
    options.dates.map((date) => ({ user, date })),
  );
  await runConcurrently(concurrency, others.length, (i) => timedGet(client, others[i] as Pair));
  const cold = await cpuOf(options.processes, () =>
    runConcurrently(concurrency, pairs.length, (i) => timedGet(client, pairs[i] as Pair)),
  );
  const started = performance.now();
  const until = started + options.durationMs;
  const warm = await cpuOf(options.processes, async () => {
    const latencies: number[] = [];
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          const pair = pairs[Math.floor(Math.random() * pairs.length)] as Pair;
          latencies.push(await timedGet(client, pair));
        }
      }),
    );
    return latencies;
  });
  const elapsed = performance.now() - started;
  return {
    cold: { ...summarize(cold.result), cpu: cold.cpu },
    warm: {
      ...summarize(warm.result),
      requestsPerSecond: (warm.result.length / elapsed) * 1000,
      cpu: warm.cpu,
    },
  };
}
