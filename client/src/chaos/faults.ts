import { terminateHearthBackends, type ChaosDatabase } from './cluster.js';
import type { HearthProcess } from './processes.js';
import type { CuttingProxy } from './proxy.js';
import type { Random } from './random.js';

type FaultKind =
  'kill-server' | 'kill-worker' | 'terminate-backends' | 'restart-postgres' | 'cut-all' | 'flaky';

export interface FaultCounts {
  serverKills: number;
  workerKills: number;
  /** Rounds of `pg_terminate_backend` on every Hearth connection. */
  backendTerminations: number;
  /** Connections those rounds ended. */
  backendsEnded: number;
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
 * The faults of one round: each server killed once (in turn), the worker once, and so on;
 * PostgreSQL is restarted only where that disturbs nobody else.
 */
function roundOf({ servers, database }: FaultTargets): FaultKind[] {
  const kinds: FaultKind[] = servers.map(() => 'kill-server');
  kinds.push('kill-worker', 'terminate-backends', 'cut-all');
  if (database.restart) kinds.push('restart-postgres');
  // Flaky windows are where requests are cut mid-way: twice per round.
  return [...kinds, 'flaky', 'flaky'];
}

/** The longest a flaky window waits for a request to cut each way. */
const FLAKY_MAX_MS = 15_000;

/**
 * Injects `rounds` rounds of faults one after another, each round in a seeded order, so that
 * every run, however loaded the machine, has killed each process, ended PostgreSQL's connections
 * and cut connections. Each fault is over (its process back up) before the next begins.
 */
export async function injectFaults(
  targets: FaultTargets,
  random: Random,
  rounds: number,
  gapMs: readonly [number, number],
): Promise<FaultCounts> {
  const counts: FaultCounts = {
    serverKills: 0,
    workerKills: 0,
    backendTerminations: 0,
    backendsEnded: 0,
    postgresRestarts: 0,
    cutAlls: 0,
    flakyWindows: 0,
  };
  for (let round = 0; round < rounds; round++) {
    for (const kind of shuffled(roundOf(targets), random)) {
      await inject(kind, targets, random, counts);
      await sleep(random.int(...gapMs));
    }
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
    case 'kill-server': {
      const server = servers[counts.serverKills++ % servers.length]!;
      return server.killAndRestart(random.int(100, 1000));
    }
    case 'kill-worker':
      counts.workerKills += 1;
      return worker.killAndRestart(random.int(100, 1500));
    case 'terminate-backends':
      counts.backendTerminations += 1;
      counts.backendsEnded += await terminateHearthBackends(database.url);
      return;
    case 'restart-postgres':
      counts.postgresRestarts += 1;
      return database.restart!();
    case 'cut-all':
      counts.cutAlls += 1;
      return random.pick(proxies).cutAll();
    case 'flaky': {
      counts.flakyWindows += 1;
      const proxy = random.pick(proxies);
      const before = { ...proxy.cuts };
      const start = Date.now();
      const ms = random.int(500, 2000);
      proxy.beFlaky(FLAKY_MAX_MS);
      // At least its drawn length, and on until a request was cut each way (a loaded machine
      // may send few requests in a short window).
      while (
        Date.now() - start < ms ||
        (Date.now() - start < FLAKY_MAX_MS &&
          (proxy.cuts.midRequest === before.midRequest ||
            proxy.cuts.midResponse === before.midResponse))
      ) {
        await sleep(50);
      }
      proxy.beFlaky(0);
      return;
    }
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
