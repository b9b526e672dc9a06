import type { ImportedSample } from '@hearth/core/import';
import { encodeSample, toWireSample } from '../src/import-cli/batches.js';

const SAMPLES = 200_000;
const BATCH = 5000;
const ROUNDS = 5;
const T0 = Date.parse('2024-03-07T00:00:00Z');

/**
 * The import command's sample encoding: `encodeSample` (the JSON text written directly) against
 * building each wire object and `JSON.stringify`-ing the batch, on the same 200,000 samples in
 * 5,000-sample batches, in turns, five rounds (the machine is shared: compare within a round).
 */
export function measureSampleEncoding(): void {
  const samples: ImportedSample[] = Array.from({ length: SAMPLES }, (_, i) => ({
    type: i % 3 ? 'STEPS' : 'HEART_RATE',
    start: T0 + i * 37_000,
    end: T0 + i * 37_000 + 60_000,
    value: ((i * 7) % 300) + 0.5,
    source: i % 3,
  }));
  console.log('\nSample encoding of the import command, 200,000 samples in 5,000-sample batches');
  for (let round = 1; round <= ROUNDS; round++) {
    let t = performance.now();
    let objects = 0;
    for (let i = 0; i < SAMPLES; i += BATCH) {
      objects += JSON.stringify({ samples: samples.slice(i, i + BATCH).map(toWireSample) }).length;
    }
    const objectsMs = performance.now() - t;
    t = performance.now();
    let direct = 0;
    for (let i = 0; i < SAMPLES; i += BATCH) {
      direct += `{"samples":[${samples
        .slice(i, i + BATCH)
        .map(encodeSample)
        .join(',')}]}`.length;
    }
    const directMs = performance.now() - t;
    if (objects !== direct) throw new Error('the two encodings differ');
    console.log(
      `  round ${round}: objects + JSON.stringify ${objectsMs.toFixed(0)} ms, encodeSample ${directMs.toFixed(0)} ms: ${(directMs / objectsMs).toFixed(2)}×`,
    );
  }
}
