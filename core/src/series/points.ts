import type { SeriesPoint } from '@hearth/schema';

/** Orders points by (start, end): the order, and the identity, of samples within a series. */
export function comparePoints(a: SeriesPoint, b: SeriesPoint): number {
  return a[0] - b[0] || a[1] - b[1];
}

/**
 * Whether two points are the same sample with the same content: value and sleep stage included
 * (a stage changed alone is a change to store, replicate and roll up again).
 */
export function samePoint(a: SeriesPoint, b: SeriesPoint): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

/**
 * Merges two point lists, each sorted by (start, end) and unique, into one such list in
 * O(n + m). A point of `incoming` replaces the existing point with the same (start, end): a
 * re-sent sample replaces itself, so retries are idempotent.
 */
export function mergeSeriesPoints(
  existing: readonly SeriesPoint[],
  incoming: readonly SeriesPoint[],
): SeriesPoint[] {
  const merged: SeriesPoint[] = [];
  let i = 0;
  let j = 0;
  while (i < existing.length && j < incoming.length) {
    const a = existing[i]!;
    const b = incoming[j]!;
    const order = comparePoints(a, b);
    if (order < 0) {
      merged.push(a);
      i++;
    } else {
      merged.push(b);
      j++;
      if (order === 0) i++;
    }
  }
  while (i < existing.length) merged.push(existing[i++]!);
  while (j < incoming.length) merged.push(incoming[j++]!);
  return merged;
}
