import type { ChaosDatabase } from './cluster.js';
import type { HearthProcess } from './processes.js';
import type { CuttingProxy } from './proxy.js';
import type { Random } from './random.js';

export type FaultKind = 'kill-server' | 'kill-worker' | 'restart-postgres' | 'cut-all' | 'flaky';

const KINDS: readonly FaultKind[] = [
  'kill-server',
  'kill-worker',
  'restart-postgres',
  'cut-all',
  'flaky',
];

export interface FaultCounts {
  serverKills: number;
  workerKills: number;
  postgresRestarts: number;
  cutAlls: number;
  flakyWindows: number;
}

export interface FaultTargets {
  servers: readonly HearthProcess[];
  worker: HearthProcess;
  proxies: readonly CuttingProxy[];
  database: ChaosDatabase;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Injects faults one after another until `until`, in a seeded order: every kind once per round
 * (shuffled), so even a short run has killed each process, restarted PostgreSQL and cut
 * connections. Each fault is over (its process back up) before the next begins.
 */
export async function injectFaults(
  targets: FaultTargets,
  random: Random,
  until: number,
  gapMs: readonly [number, number],
): Promise<FaultCounts> {
  const counts: FaultCounts = {
    serverKills: 0,
    workerKills: 0,
    postgresRestarts: 0,
    cutAlls: 0,
    flakyWindows: 0,
  };
  let round: FaultKind[] = [];
  while (Date.now() < until) {
    if (round.length === 0) round = shuffled(KINDS, random);
    const kind = round.shift()!;
    await inject(kind, targets, random, counts);
    await sleep(random.int(...gapMs));
  }
  return counts;
}

async function inject(
  kind: FaultKind,
  { servers, worker, proxies, database }: FaultTargets,
  random: Random,
  counts: FaultCounts,
): Promise<void> {
  switch (kind) {
    case 'kill-server':
      counts.serverKills += 1;
      return random.pick(servers).killAndRestart(random.int(100, 1000));
    case 'kill-worker':
      counts.workerKills += 1;
      return worker.killAndRestart(random.int(100, 1500));
    case 'restart-postgres':
      if (!database.restart) {
        counts.cutAlls += 1;
        return proxies.forEach((proxy) => proxy.cutAll());
      }
      counts.postgresRestarts += 1;
      return database.restart();
    case 'cut-all':
      counts.cutAlls += 1;
      return random.pick(proxies).cutAll();
    case 'flaky':
      counts.flakyWindows += 1;
      return random.pick(proxies).beFlaky(random.int(500, 2000));
  }
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
