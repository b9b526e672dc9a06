/**
 * What the worst JSON bodies cost the server's body reader, as ratios to JSON.parse of the same
 * bytes measured in the same run: `npx tsx --conditions=@hearth/source bench/json-worst.ts`
 * (from sync-server/). For each body (src/json/worst-bodies.test-helpers.ts) at 60 KB and 1 MB:
 * the reader of every route (depth bound, JSON.parse, secure-json-parse's checks).
 */
import { readJsonBody } from '../src/json/read-json-body.js';
import { worstBodies } from '../src/json/worst-bodies.test-helpers.js';

/** Runs `run` (a refusal is a result too: its cost is what is measured). */
function attempt(run: () => unknown): void {
  try {
    run();
  } catch {
    // Refused, as it should be.
  }
}

/** Mean milliseconds per call over calls repeated for about `budgetMs`. */
function msPerCall(run: () => unknown, budgetMs: number): number {
  let calls = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    attempt(run);
    calls++;
    elapsed = performance.now() - started;
  } while (elapsed < budgetMs);
  return elapsed / calls;
}

/**
 * Best milliseconds per call of each function, measured in interleaved rounds so that a burst
 * of load from other processes on the machine hits all of them alike.
 */
function bestOfRounds(runs: Array<() => unknown>, rounds = 7, budgetMs = 12): number[] {
  for (const run of runs) attempt(run);
  const best = runs.map(() => Infinity);
  for (let round = 0; round < rounds; round++) {
    runs.forEach((run, i) => {
      best[i] = Math.min(best[i] ?? Infinity, msPerCall(run, budgetMs));
    });
  }
  return best;
}

let worst = 0;
for (const size of [60 * 1024, 1024 * 1024]) {
  console.log(
    `\nBodies of ${(size / 1024).toFixed(0)} KB: ms for JSON.parse, then the reader × that`,
  );
  console.log('  body                          JSON.parse  reader');
  for (const { name, body, tooDeep } of worstBodies(size)) {
    const [base = NaN, readerMs = NaN] = bestOfRounds([
      () => JSON.parse(body.toString('utf8')),
      () => readJsonBody(body),
    ]);
    const ratio = readerMs / base;
    worst = Math.max(worst, ratio);
    console.log(
      `  ${name.padEnd(28)} ${base.toFixed(3).padStart(10)} ${ratio.toFixed(2).padStart(7)}${
        tooDeep ? '  (refused: too deep)' : ''
      }`,
    );
  }
}
console.log(`\nWorst reader cost: ${worst.toFixed(2)}× JSON.parse of the same bytes`);
