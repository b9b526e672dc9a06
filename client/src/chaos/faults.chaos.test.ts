import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPageFetch } from '../sync/test-support/realServer.js';
import { REPOSITORY_ROOT } from './processes.js';
import { runChaos, type ChaosOptions, type ChaosSummary } from './run.js';

// The fault suite (`npm run chaos` for the long version): see runChaos. Knobs, read here only:
// HEARTH_CHAOS=long, HEARTH_CHAOS_RUNS, HEARTH_CHAOS_SEED, HEARTH_CHAOS_SECONDS (of faults per
// run), HEARTH_CHAOS_DEVICES, HEARTH_CHAOS_SAMPLES (per device at most), HEARTH_CHAOS_SERVER_ROOT
// (another checkout whose server to run).

const long = process.env['HEARTH_CHAOS'] === 'long';
const knob = (name: string, bounded: number, longer: number) => {
  const value = Number(process.env[`HEARTH_CHAOS_${name}`] ?? (long ? longer : bounded));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`HEARTH_CHAOS_${name} must be > 0`);
  return value;
};

const RUNS = knob('RUNS', 1, 3);
const OPTIONS: ChaosOptions = {
  seed: knob('SEED', 14, 14),
  faultMs: knob('SECONDS', 20, 90) * 1000,
  devices: knob('DEVICES', 4, 6),
  maxSamplesPerDevice: knob('SAMPLES', 4000, 20_000),
  batch: [20, 200],
  paceMs: [20, 200],
  faultGapMs: [200, 1000],
  sharedAdminUrl: process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  serverRoot: process.env['HEARTH_CHAOS_SERVER_ROOT'] ?? REPOSITORY_ROOT,
};
/** Start-up, the settling after the faults and the checks, on top of the faults themselves. */
const OVERHEAD_MS = 240_000;

function line(runs: number, all: ChaosSummary[]): string {
  const sum = (pick: (s: ChaosSummary) => number) => all.reduce((n, s) => n + pick(s), 0);
  const kills = sum((s) => s.serverKills + s.workerKills);
  return [
    `chaos: runs=${runs}`,
    `kills=${kills} (servers ${sum((s) => s.serverKills)}, worker ${sum((s) => s.workerKills)})`,
    `postgres-restarts=${sum((s) => s.postgresRestarts)}`,
    `cuts=${sum((s) => s.cuts)}`,
    `resends=${sum((s) => s.resends)}`,
    `batches=${sum((s) => s.batches)}`,
    `samples=${sum((s) => s.samples)}`,
    `unacknowledged=${sum((s) => s.unacknowledged)}`,
    `lost=${sum((s) => s.lost)}`,
    `doubled=${sum((s) => s.doubled)}`,
    `converged=${sum((s) => s.converged)}/${sum((s) => s.replicas)}`,
    `rollups=${sum((s) => s.rollupsMatched)}/${sum((s) => s.replicas)}`,
    `dead-letters=${all.map((s) => s.deadLetters ?? 'n/a').join(',')}`,
    `crashes=${sum((s) => s.crashes)}`,
    `[${all[0]?.database ?? ''}]`,
  ].join(' ');
}

let restoreFetch: () => void = () => undefined;
beforeAll(() => {
  restoreFetch = installPageFetch();
});
afterAll(() => restoreFetch());

// Runs only when asked (`npm run chaos`, or HEARTH_CHAOS=bounded): the replica convergence check
// does not hold yet (see ARCHITECTURE.md, "Reliability"), so it is not part of `npm test`.
describe.runIf(process.env['HEARTH_CHAOS'] !== undefined)('fault suite', () => {
  it(
    'loses and doubles nothing, and every replica converges, through kills, PostgreSQL restarts and cut connections',
    async () => {
      const summaries: ChaosSummary[] = [];
      const problems: string[] = [];
      for (let run = 0; run < RUNS; run++) {
        const result = await runChaos({ ...OPTIONS, seed: OPTIONS.seed + run });
        summaries.push(result.summary);
        problems.push(...result.problems.map((p) => `seed ${result.summary.seed}: ${p}`));
        if (result.logDir) problems.push(`seed ${result.summary.seed}: logs in ${result.logDir}`);
      }
      console.info(line(RUNS, summaries));
      expect(problems).toEqual([]);
      // The run really did what it claims to survive.
      const first = summaries[0]!;
      expect(first.serverKills).toBeGreaterThan(0);
      expect(first.workerKills).toBeGreaterThan(0);
      expect(first.cuts).toBeGreaterThan(0);
      expect(first.samples).toBeGreaterThan(0);
    },
    RUNS * (OPTIONS.faultMs + OVERHEAD_MS),
  );
});
