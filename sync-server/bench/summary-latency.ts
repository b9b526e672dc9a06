import type { BenchClient, BenchUser } from './lib-http.js';
import { summarize, type LatencySummary } from './lib-stats.js';

export interface SummaryLatency {
  /** Every (user, date) asked once: nothing cached in the server yet. */
  cold: LatencySummary;
  /** Repeated requests over the same pairs for `durationMs`. */
  warm: LatencySummary & { requestsPerSecond: number };
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
}): Promise<SummaryLatency> {
  const { client, concurrency } = options;
  const pairs: Pair[] = options.users.flatMap((user) =>
    options.dates.map((date) => ({ user, date })),
  );
  // Interleave users so concurrent requests are for different people, as in real traffic.
  pairs.sort((a, b) => a.date.localeCompare(b.date));
  const cold: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < pairs.length) cold.push(await timedGet(client, pairs[next++] as Pair));
    }),
  );
  const warm: number[] = [];
  const started = performance.now();
  const until = started + options.durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const pair = pairs[Math.floor(Math.random() * pairs.length)] as Pair;
        warm.push(await timedGet(client, pair));
      }
    }),
  );
  const elapsed = performance.now() - started;
  return {
    cold: summarize(cold),
    warm: { ...summarize(warm), requestsPerSecond: (warm.length / elapsed) * 1000 },
  };
}
