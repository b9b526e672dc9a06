import type { SeriesPoint } from '@hearth/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparePoints, mergeSeriesPoints, samePoint } from './points.js';

describe('mergeSeriesPoints', () => {
  it('interleaves two sorted lists and lets incoming replace the same (start, end)', () => {
    const existing: SeriesPoint[] = [
      [0, 10, 1],
      [5, 5, 2],
      [20, 30, 3],
    ];
    const incoming: SeriesPoint[] = [
      [0, 5, 9],
      [5, 5, 8],
      [40, 50, 7],
    ];
    expect(mergeSeriesPoints(existing, incoming)).toEqual([
      [0, 5, 9],
      [0, 10, 1],
      [5, 5, 8],
      [20, 30, 3],
      [40, 50, 7],
    ]);
  });

  it('handles empty sides and does not modify its inputs', () => {
    const points: SeriesPoint[] = [[1, 2, 3]];
    expect(mergeSeriesPoints([], points)).toEqual(points);
    expect(mergeSeriesPoints(points, [])).toEqual(points);
    expect(mergeSeriesPoints([], [])).toEqual([]);
    expect(points).toEqual([[1, 2, 3]]);
  });

  it('re-sending a sample replaces it: merging the same batch again changes nothing', () => {
    const stored: SeriesPoint[] = [
      [0, 60, 10],
      [60, 120, 12],
    ];
    const once = mergeSeriesPoints(stored, [[60, 120, 15]]);
    expect(once).toEqual([
      [0, 60, 10],
      [60, 120, 15],
    ]);
    expect(mergeSeriesPoints(once, [[60, 120, 15]])).toEqual(once);
  });

  // A universe of samples identified by (start, end); batches are random subsets, as when a
  // device re-sends overlapping batches. Same (start, end) always means the same value.
  const universe = fc
    .uniqueArray(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 10 })), {
      selector: ([start, length]) => `${start}|${start + length}`,
      minLength: 1,
      maxLength: 40,
    })
    .map((keys) =>
      keys.map(([start, length]): SeriesPoint => [start, start + length, start * 7 + length]),
    );

  const sortedUnique = (points: SeriesPoint[]): SeriesPoint[] => {
    const byKey = new Map(points.map((p) => [`${p[0]}|${p[1]}`, p]));
    return [...byKey.values()].sort(comparePoints);
  };

  const batchesOf = (points: SeriesPoint[]) =>
    fc.array(fc.subarray(points), { minLength: 1, maxLength: 6 }).map((bs) => bs.map(sortedUnique));

  it('gives the same series whatever order the batches are merged in', () => {
    fc.assert(
      fc.property(
        universe.chain(batchesOf).chain((batches) =>
          fc.tuple(
            fc.constant(batches),
            fc.shuffledSubarray(batches, {
              minLength: batches.length,
              maxLength: batches.length,
            }),
          ),
        ),
        ([batches, shuffled]) => {
          const mergeAll = (list: SeriesPoint[][]) =>
            list.reduce<SeriesPoint[]>((acc, b) => mergeSeriesPoints(acc, b), []);
          const forward = mergeAll(batches);
          expect(mergeAll(shuffled)).toEqual(forward);
          expect(mergeAll([...batches].reverse())).toEqual(forward);
          expect(forward).toEqual(sortedUnique(batches.flat()));
        },
      ),
    );
  });

  it('is idempotent and keeps the result sorted and unique', () => {
    fc.assert(
      fc.property(
        universe.chain((points) => batchesOf(points)),
        (batches) => {
          const [a = [], b = []] = batches;
          const merged = mergeSeriesPoints(a, b);
          expect(mergeSeriesPoints(merged, b)).toEqual(merged);
          expect(mergeSeriesPoints(merged, merged)).toEqual(merged);
          for (let i = 1; i < merged.length; i++) {
            expect(comparePoints(merged[i - 1]!, merged[i]!)).toBeLessThan(0);
          }
        },
      ),
    );
  });

  it('lets incoming win over existing for every shared (start, end)', () => {
    fc.assert(
      fc.property(universe, (points) => {
        const changed = points.map(([s, e, v]): SeriesPoint => [s, e, v + 1]).sort(comparePoints);
        const sorted = [...points].sort(comparePoints);
        expect(mergeSeriesPoints(sorted, changed)).toEqual(changed);
        expect(mergeSeriesPoints(changed, sorted)).toEqual(sorted);
      }),
    );
  });
});

describe('samePoint', () => {
  it('compares value and sleep stage, not only (start, end)', () => {
    expect(samePoint([1, 2, 3], [1, 2, 3])).toBe(true);
    expect(samePoint([1, 2, 3, 2], [1, 2, 3, 2])).toBe(true);
    expect(samePoint([1, 2, 3], [1, 2, 4])).toBe(false);
    expect(samePoint([1, 2, 3], [1, 2, 3, 1])).toBe(false);
    expect(samePoint([1, 2, 3, 1], [1, 2, 3, 2])).toBe(false);
  });

  it('lets mergeSeriesPoints replace a point whose stage alone changed', () => {
    expect(mergeSeriesPoints([[0, 10, 10, 1]], [[0, 10, 10, 2]])).toEqual([[0, 10, 10, 2]]);
    expect(mergeSeriesPoints([[0, 10, 10, 1]], [[0, 10, 10]])).toEqual([[0, 10, 10]]);
  });
});
