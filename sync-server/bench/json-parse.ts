import { randomUUID } from 'node:crypto';
import secureJson from 'secure-json-parse';
import { generateDemoData } from '@hearth/core';
import { readJsonBody } from '../src/json/read-json-body.js';
import { prepareBatch } from '../src/ingest/prepare-batch.js';

const ROUNDS = 8;
const CALLS = 400;

/** Best µs per call over ROUNDS rounds of CALLS calls each (the least disturbed round). */
function bestMicros(run: () => unknown): number {
  for (let i = 0; i < CALLS; i++) run();
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    for (let i = 0; i < CALLS; i++) run();
    best = Math.min(best, ((performance.now() - started) * 1000) / CALLS);
  }
  return best;
}

/** A watch's 1,000-sample batch as a device sends it (its id is a UUID, as the server's are). */
function watchBatch(): { body: Buffer; samples: unknown[] } {
  const device = randomUUID();
  const samples = generateDemoData({
    seed: 'json',
    days: 30,
    endDate: '2026-03-31',
    timeZone: 'UTC',
  })
    .samples.filter((s) => s.sourceDevice === 'demo-watch')
    .slice(0, 1000)
    .map((s) => ({ ...s, sourceDevice: device }));
  return { body: Buffer.from(JSON.stringify({ samples })), samples };
}

/**
 * In the benchmark process, no server: what turning a device batch into stored bytes costs on
 * the CPU. Decoding bytes into one string, by size (V8's large-object space starts at 128 KiB);
 * parsing a watch batch with Fastify's parser (decode, then secure-json-parse) and with the
 * server's (`readJsonBody`: the depth scan, then the same); then validating and encoding it
 * (`prepareBatch`).
 */
export function measureJsonParse(): void {
  console.log('\n0. Parsing a device batch (microbenchmark, best of 8 rounds)');
  const sizes = [120, 127, 130, 176].map((kb) => {
    const bytes = Buffer.alloc(kb * 1024, 0x61);
    return `${kb} KB ${bestMicros(() => bytes.toString('latin1')).toFixed(1)} µs`;
  });
  console.log(`  bytes → one string: ${sizes.join(', ')}`);
  const { body, samples } = watchBatch();
  const options = { protoAction: 'error', constructorAction: 'error' } as const;
  const fastify = bestMicros(() => secureJson.parse(body.toString('utf8'), undefined, options));
  const hearth = bestMicros(() => readJsonBody(body));
  console.log(
    `  watch batch (${body.length.toLocaleString('en')} bytes, 1,000 samples): Fastify's parser ${fastify.toFixed(0)} µs, readJsonBody ${hearth.toFixed(0)} µs → **${(hearth / fastify).toFixed(2)}×**`,
  );
  const now = Date.parse('2026-04-01T00:00:00Z');
  const prepare = bestMicros(() => prepareBatch(samples, now));
  console.log(
    `  validating and encoding it (prepareBatch): ${(prepare / 1000).toFixed(2)} µs a sample`,
  );
}
