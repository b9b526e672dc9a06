import { compareInSampleOrder, type TypeSamples } from './prepare.js';
import { countingSortBy, radixOrder, sortRuns } from './radix.js';

/**
 * Who owns each moment, for cumulative types: every moment belongs to the first sample in the
 * sample order that covers it (SPECIFICATION.md §3).
 *
 * Method, O(n log n): the distinct endpoints cut time into elementary segments; samples are
 * taken in sample order and each claims the segments of its interval that are still free. A
 * union-find "next free segment" pointer skips claimed ones, so every segment is claimed once
 * and each sample only touches what it gets. (The seed's scan of covered ranges was O(n²) and
 * looked only at the first overlapping range.)
 */

/** A type's endpoints, sorted and distinct, and each sample's endpoints as indices into them. */
export interface Coordinates {
  coords: Float64Array;
  startIndex: Int32Array;
  endIndex: Int32Array;
  /** Sample indices by start (ties by index), read off the sorted endpoints for free. */
  byStart: Int32Array;
}

export interface OwnershipVisitor {
  /**
   * Sample `sample` owns [coords[from], coords[to]). Called sample by sample in sample order and,
   * within a sample, in time order, once per maximal run of free segments.
   */
  owned(sample: number, from: number, to: number): void;
  /** A zero-length sample at coords[at] that no earlier sample covers: it counts in full. */
  instant(sample: number, at: number): void;
}

export function compressCoordinates(ts: TypeSamples): Coordinates {
  const n = ts.size;
  const endpoints = new Float64Array(n * 2);
  endpoints.set(ts.start);
  endpoints.set(ts.end, n);
  const order = radixOrder(endpoints);
  const coords = new Float64Array(order.length);
  const startIndex = new Int32Array(n);
  const endIndex = new Int32Array(n);
  const byStart = new Int32Array(n);
  let distinct = 0;
  let started = 0;
  for (let i = 0; i < order.length; i++) {
    const endpoint = order[i] as number;
    const t = endpoints[endpoint] as number;
    if (distinct === 0 || t !== coords[distinct - 1]) coords[distinct++] = t;
    if (endpoint < n) {
      startIndex[endpoint] = distinct - 1;
      byStart[started++] = endpoint;
    } else {
      endIndex[endpoint - n] = distinct - 1;
    }
  }
  return { coords: coords.slice(0, distinct), startIndex, endIndex, byStart };
}

/**
 * The type's samples in sample order (source rank, start, end, last received first): the start order from
 * the coordinates, a stable counting sort by rank (linear), then a comparator only inside runs of
 * samples of one source with the same start (rare).
 */
export function cumulativeSampleOrder(
  ts: TypeSamples,
  { startIndex, byStart }: Coordinates,
  sourceCount: number,
): Int32Array {
  const { rank } = ts;
  return sortRuns(
    countingSortBy(byStart, rank, sourceCount),
    (a, b) => rank[a] === rank[b] && startIndex[a] === startIndex[b],
    compareInSampleOrder(ts),
  );
}

/** For each segment k (from coords[k] to coords[k+1]), whether any sample covers it. */
export function coveredSegments(ts: TypeSamples, { coords, startIndex, endIndex }: Coordinates) {
  const depth = new Int32Array(coords.length + 1);
  for (let i = 0; i < ts.size; i++) {
    depth[startIndex[i] as number]! += 1;
    depth[endIndex[i] as number]! -= 1;
  }
  const covered = new Uint8Array(coords.length);
  let running = 0;
  for (let k = 0; k < coords.length; k++) {
    running += depth[k] as number;
    covered[k] = running > 0 ? 1 : 0;
  }
  return covered;
}

/** Visits what every sample owns; `order` lists the type's samples in sample order. */
export function sweepOwnership(
  coordinates: Coordinates,
  order: Int32Array,
  visitor: OwnershipVisitor,
): void {
  const { coords, startIndex, endIndex } = coordinates;
  // nextFree[k] leads (through a chain, halved on every walk) to the first free segment >= k.
  // The last coordinate starts no segment and stays its own root, ending every walk.
  const nextFree = new Int32Array(coords.length);
  for (let k = 0; k < nextFree.length; k++) nextFree[k] = k;
  const instantTaken = new Uint8Array(coords.length);
  const find = (k: number): number => {
    let at = k;
    while (nextFree[at] !== at) {
      const up = nextFree[nextFree[at] as number] as number;
      nextFree[at] = up;
      at = up;
    }
    return at;
  };

  for (let p = 0; p < order.length; p++) {
    const sample = order[p] as number;
    const from = startIndex[sample] as number;
    const to = endIndex[sample] as number;
    if (from === to) {
      // Covered if an earlier sample owns the segment starting at this instant, or an earlier
      // zero-length sample sits on the same instant (one reading seen twice counts once).
      if (find(from) === from && !instantTaken[from]) {
        instantTaken[from] = 1;
        visitor.instant(sample, from);
      }
      continue;
    }
    let k = find(from);
    while (k < to) {
      let run = k;
      while (run < to && nextFree[run] === run) {
        nextFree[run] = run + 1;
        run++;
      }
      visitor.owned(sample, k, run);
      k = find(run);
    }
  }
}

/** Total time (ms) each sample owns; indices as in `ts`. For tests and diagnostics. */
export function ownedTimeBySample(ts: TypeSamples, order: Int32Array): Float64Array {
  const coordinates = compressCoordinates(ts);
  const owned = new Float64Array(ts.size);
  const { coords } = coordinates;
  sweepOwnership(coordinates, order, {
    owned(sample, from, to) {
      owned[sample] = (owned[sample] as number) + (coords[to] as number) - (coords[from] as number);
    },
    instant() {},
  });
  return owned;
}
