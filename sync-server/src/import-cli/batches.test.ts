import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ImportedSample } from '@hearth/core/import';
import {
  batchBody,
  encodeSample,
  idempotencyKey,
  SourceBatcher,
  toWireSample,
  type SourceBatch,
} from './batches.js';
import { HEALTH_DATA_TYPES, SLEEP_STAGES } from '@hearth/schema';

const T0 = Date.parse('2024-03-07T22:15:00Z');

function sample(source: number, i: number): ImportedSample {
  return { type: 'STEPS', start: T0 + i * 60_000, end: T0 + i * 60_000 + 30_000, value: i, source };
}

describe('toWireSample', () => {
  it('sends the canonical unit of the type and ISO instants', () => {
    expect(
      toWireSample({ type: 'DISTANCE', start: T0, end: T0 + 1000, value: 12.5, source: 0 }),
    ).toEqual({
      type: 'DISTANCE',
      value: 12.5,
      unit: 'meters',
      startDate: '2024-03-07T22:15:00.000Z',
      endDate: '2024-03-07T22:15:01.000Z',
    });
  });

  it('keeps the sleep stage', () => {
    const wire = toWireSample({
      type: 'SLEEP_ANALYSIS',
      start: T0,
      end: T0 + 3_600_000,
      value: 60,
      sleepStage: 'deep',
      source: 1,
    });
    expect(wire).toMatchObject({ unit: 'minutes', sleepStage: 'deep' });
  });
});

describe('encodeSample', () => {
  it('writes exactly JSON.stringify(toWireSample(s)), whatever the instant, type, value or stage', () => {
    fc.assert(
      fc.property(
        fc.integer({
          min: Date.parse('1900-01-01T00:00:00Z'),
          max: Date.parse('2100-01-01T00:00:00Z'),
        }),
        fc.integer({ min: 0, max: 86_400_000 }),
        fc.constantFrom(...HEALTH_DATA_TYPES),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.option(fc.constantFrom(...SLEEP_STAGES), { nil: undefined }),
        (start, length, type, value, stage) => {
          const s: ImportedSample = { type, start, end: start + length, value, source: 0 };
          if (stage !== undefined) s.sleepStage = stage;
          expect(encodeSample(s)).toBe(JSON.stringify(toWireSample(s)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('makes a body the server reads as the samples', () => {
    const body = batchBody([sample(0, 1), sample(0, 2)].map(encodeSample));
    expect(JSON.parse(body)).toEqual({
      samples: [toWireSample(sample(0, 1)), toWireSample(sample(0, 2))],
    });
  });
});

describe('SourceBatcher', () => {
  it('hands on a batch per source as soon as it is full, the rest on flush', () => {
    const batcher = new SourceBatcher(2);
    expect(batcher.add([sample(0, 0), sample(1, 1)])).toEqual([]);
    const full = batcher.add([sample(1, 2), sample(0, 3), sample(0, 4)]);
    const values = (b: SourceBatch) =>
      (JSON.parse(b.body.toString('utf8')) as { samples: Array<{ value: number }> }).samples.map(
        (s) => s.value,
      );
    expect(full.map((b) => [b.source, values(b)])).toEqual([
      [1, [1, 2]],
      [0, [0, 3]],
    ]);
    expect(batcher.flush().map((b) => [b.source, values(b)])).toEqual([[0, [4]]]);
    expect(batcher.flush()).toEqual([]);
  });

  it('never exceeds the size, loses nothing and keeps each source’s order, however the input is cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 7 }),
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 10 }),
        (sources, size, cuts) => {
          const input = sources.map((source, i) => sample(source, i));
          const batcher = new SourceBatcher(size);
          const out = [];
          for (let at = 0, c = 0; at < input.length; c++) {
            const n = cuts[c % cuts.length] ?? 1;
            out.push(...batcher.add(input.slice(at, at + n)));
            at += n;
          }
          out.push(...batcher.flush());
          for (const b of out) {
            expect(b.count).toBeGreaterThan(0);
            expect(b.count).toBeLessThanOrEqual(size);
          }
          for (const source of [0, 1, 2, 3]) {
            const batches = out.filter((b) => b.source === source);
            const expected = input.filter((s) => s.source === source).map(encodeSample);
            // Each body is exactly the text body of its share of the source's samples, in order.
            let at = 0;
            for (const b of batches) {
              const own = expected.slice(at, at + b.count);
              expect(b.body.toString('utf8')).toBe(batchBody(own));
              at += b.count;
            }
            expect(at).toBe(expected.length);
          }
        },
      ),
    );
  });
});

describe('SourceBatcher bodies', () => {
  it('grows a body past its first buffer without losing or reordering a byte', () => {
    // 5,000 samples of ~130 bytes: the body outgrows its first 64 KiB several times.
    const input = Array.from({ length: 5000 }, (_, i) => ({ ...sample(0, i), value: i / 7 }));
    const [batch] = new SourceBatcher(5000).add(input);
    expect(batch?.count).toBe(5000);
    expect(batch?.body.byteLength).toBeGreaterThan(4 * 64 * 1024);
    expect(batch?.body.toString('utf8')).toBe(batchBody(input.map(encodeSample)));
  });

  it('keys a batch the same whether its body is bytes or text', () => {
    const input = [sample(0, 1), sample(0, 2)];
    const [batch] = new SourceBatcher(2).add(input);
    expect(idempotencyKey('dev-1', batch?.body ?? Buffer.alloc(0))).toBe(
      idempotencyKey('dev-1', batchBody(input.map(encodeSample))),
    );
  });
});

describe('idempotencyKey', () => {
  it('depends on the device and the exact batch, and fits the header limit', () => {
    const body = batchBody([encodeSample(sample(0, 1))]);
    const key = idempotencyKey('dev-1', body);
    expect(key).toMatch(/^import-[0-9a-f]{64}$/);
    expect(idempotencyKey('dev-1', body)).toBe(key);
    expect(idempotencyKey('dev-2', body)).not.toBe(key);
    expect(idempotencyKey('dev-1', batchBody([encodeSample(sample(0, 2))]))).not.toBe(key);
  });
});
