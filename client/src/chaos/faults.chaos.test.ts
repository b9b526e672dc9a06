import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPageFetch } from '../sync/test-support/realServer.js';
import { REPOSITORY_ROOT } from './processes.js';
import { runChaos, type ChaosOptions, type ChaosSummary } from './run.js';

// The fault suite: see runChaos. Bounded in `npm test`; `npm run chaos` (HEARTH_CHAOS=long) runs
// more rounds, longer, and restarts PostgreSQL. Knobs, read here only: HEARTH_CHAOS_RUNS,
// HEARTH_CHAOS_SEED, HEARTH_CHAOS_ROUNDS (of faults per run), HEARTH_CHAOS_DEVICES,
// HEARTH_CHAOS_SAMPLES (per device at most), HEARTH_CHAOS_SERVER_ROOT (another checkout whose
// server to run).

const long = process.env['HEARTH_CHAOS'] === 'long';
const knob = (name: string, bounded: number, longer: number) => {
  const value = Number(process.env[`HEARTH_CHAOS_${name}`] ?? (long ? longer : bounded));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`HEARTH_CHAOS_${name} must be > 0`);
  return value;
};

const RUNS = knob('RUNS', 1, 3);
const OPTIONS: ChaosOptions = {
  seed: knob('SEED', 14, 14),
  rounds: knob('ROUNDS', 1, 6),
  devices: knob('DEVICES', 4, 6),
  maxSamplesPerDevice: knob('SAMPLES', 4000, 20_000),
  batch: [20, 200],
  paceMs: [20, 200],
  faultGapMs: [200, 1000],
  restartPostgres: long,
  sharedAdminUrl: process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  serverRoot: process.env['HEARTH_CHAOS_SERVER_ROOT'] ?? REPOSITORY_ROOT,
};
/** A round of faults on a loaded machine, at most; and start-up, settling and the checks. */
const ROUND_MS = 60_000;
const OVERHEAD_MS = 180_000;

function line(all: ChaosSummary[]): string {
  const sum = (pick: (s: ChaosSummary) => number) => all.reduce((n, s) => n + pick(s), 0);
  return [
    `chaos: runs=${all.length}`,
    `kills=${sum((s) => s.serverKills + s.workerKills)} (servers ${sum((s) => s.serverKills)}, worker ${sum((s) => s.workerKills)})`,
    `postgres-restarts=${sum((s) => s.postgresRestarts)}`,
    `backend-terminations=${sum((s) => s.backendTerminations)} (${sum((s) => s.backendsEnded)} connections)`,
    `cuts=${sum((s) => s.cuts.all + s.cuts.midRequest + s.cuts.midResponse)} (all-at-once ${sum((s) => s.cuts.all)}, mid-request ${sum((s) => s.cuts.midRequest)}, mid-response ${sum((s) => s.cuts.midResponse)})`,
    `resends=${sum((s) => s.resends)}`,
    `stage-corrections=${sum((s) => s.corrections)}`,
    `batches=${sum((s) => s.batches)}`,
    `samples=${sum((s) => s.samples)}`,
    `unacknowledged=${sum((s) => s.unacknowledged)}`,
    `lost=${sum((s) => s.lost)}`,
    `doubled=${sum((s) => s.doubled)}`,
    `converged=${sum((s) => s.converged)}/${sum((s) => s.replicas)}`,
    `rollups=${sum((s) => s.rollupsMatched)}/${sum((s) => s.replicas)}`,
    `dead-letters=${sum((s) => s.deadLetters)}/${sum((s) => s.expectedDeadLetters)} expected`,
    `crashes=${sum((s) => s.crashes)}`,
    `[${all[0]?.database ?? ''}]`,
  ].join(' ');
}

let restoreFetch: () => void = () => undefined;
beforeAll(() => {
  restoreFetch = installPageFetch();
});
afterAll(() => restoreFetch());

describe('fault suite', () => {
  it(
    'loses and doubles nothing, and every replica converges, through kills, lost connections and re-sends',
    async () => {
      const summaries: ChaosSummary[] = [];
      const problems: string[] = [];
      for (let run = 0; run < RUNS; run++) {
        const result = await runChaos({ ...OPTIONS, seed: OPTIONS.seed + run });
        summaries.push(result.summary);
        problems.push(...result.problems.map((p) => `seed ${result.summary.seed}: ${p}`));
        if (result.logDir) problems.push(`seed ${result.summary.seed}: logs in ${result.logDir}`);
      }
      console.info(line(summaries));
      expect(problems).toEqual([]);
      // Every run really did what it claims to survive.
      for (const summary of summaries) {
        expect(summary.serverKills).toBeGreaterThan(0);
        expect(summary.workerKills).toBeGreaterThan(0);
        expect(summary.backendsEnded).toBeGreaterThan(0);
        if (OPTIONS.restartPostgres && summary.database.startsWith('private'))
          expect(summary.postgresRestarts).toBeGreaterThan(0);
        expect(summary.cuts.all).toBeGreaterThan(0);
        expect(summary.cuts.midRequest).toBeGreaterThan(0);
        expect(summary.cuts.midResponse).toBeGreaterThan(0);
        expect(summary.resends).toBeGreaterThan(0);
        expect(summary.corrections).toBeGreaterThan(0);
        expect(summary.samples).toBeGreaterThan(0);
      }
    },
    RUNS * (OPTIONS.rounds * ROUND_MS + OVERHEAD_MS),
  );
});
