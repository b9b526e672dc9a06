import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '@hearth/schema';
import { decodeCompact, encodeCompact } from './compact-points.js';

const EPOCH_2026 = 1_767_225_600_000;

/** Points as devices send them: near-regular starts, repeated durations, decimal values. */
const realistic = fc
  .record({
    first: fc.integer({ min: EPOCH_2026 - 4e11, max: EPOCH_2026 + 4e11 }),
    step: fc.constantFrom(1_000, 5_000, 60_000, 300_000),
    jitter: fc.array(fc.integer({ min: -2_000, max: 2_000 }), { minLength: 1, maxLength: 120 }),
    durations: fc.array(fc.constantFrom(0, 1_000, 59_000, 60_000, 28_800_000), { minLength: 1 }),
    decimals: fc.integer({ min: 0, max: 7 }),
    values: fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1 }),
    stages: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1 }),
  })
  .map(({ first, step, jitter, durations, decimals, values, stages }) =>
    jitter.map((j, i): SeriesPoint => {
      const start = first + i * step + j;
      const value = Number(values[i % values.length]!.toFixed(decimals));
      const stage = stages[i % stages.length]!;
      const end = start + durations[i % durations.length]!;
      return stage === 0 ? [start, end, value] : [start, end, value, stage];
    }),
  );

function sameBits(a: readonly SeriesPoint[], b: readonly SeriesPoint[]): void {
  expect(a).toHaveLength(b.length);
  a.forEach((p, i) => {
    expect(p).toHaveLength(b[i]!.length);
    p.forEach((x, k) => expect(Object.is(x, b[i]![k])).toBe(true));
  });
}

describe('compact series payload (version 3)', () => {
  it('gives back every point bit for bit', () => {
    fc.assert(
      fc.property(realistic, (points) => {
        const bytes = encodeCompact(points);
        expect(bytes).not.toBeNull();
        sameBits(decodeCompact(bytes!), points);
      }),
      { numRuns: 300 },
    );
  });

  it('declines what it cannot hold exactly, and holds any finite or infinite value', () => {
    expect(encodeCompact([[0.5, 1, 1]])).toBeNull();
    expect(encodeCompact([[0, 2 ** 49, 1]])).toBeNull();
    expect(encodeCompact([[0, 1, 1, 2.5]])).toBeNull();
    expect(encodeCompact([[0, 1, 1, 300]])).toBeNull();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1e13 }), fc.double({ noNaN: true })), {
          maxLength: 30,
        }),
        (pairs) => {
          const points = pairs.map(([start, value]): SeriesPoint => [start, start + 60_000, value]);
          sameBits(decodeCompact(encodeCompact(points)!), points);
        },
      ),
    );
  });

  it('costs about a byte a field for a regular series of integers', () => {
    const points = Array.from({ length: 60 }, (_, i): SeriesPoint => {
      const start = EPOCH_2026 + i * 60_000;
      return [start, start + 60_000, 70 + (i % 5)];
    });
    // Header 4, first start 6, first duration 3, then one byte per field.
    expect(encodeCompact(points)!.length).toBeLessThan(200);
    const grams = points.map(([s, e], i): SeriesPoint => [
      s,
      e,
      Number((72.4 + i / 1000).toFixed(3)),
    ]);
    expect(encodeCompact(grams)![3]).toBe(3);
  });

  it('refuses damaged payloads instead of inventing points', () => {
    const bytes = encodeCompact([[EPOCH_2026, EPOCH_2026 + 1, 5]])!;
    expect(() => decodeCompact(bytes.subarray(0, bytes.length - 1))).toThrow();
    expect(() => decodeCompact(Buffer.concat([bytes, Buffer.from([0])]))).toThrow();
    expect(() => decodeCompact(Buffer.from([3, 0xff, 0xff, 0xff, 0x0f, 0, 0]))).toThrow();
  });
});
