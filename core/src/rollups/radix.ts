/**
 * Stable counting and radix sorts of index arrays. A user-year holds ~550k samples; sorting them
 * with a comparator costs more than the whole rest of a rollup, while these run in linear time.
 */

/** Stably reorders `order` by `key[order[i]]`, each key an integer in [0, buckets). */
export function countingSortBy(order: Int32Array, key: Int32Array, buckets: number): Int32Array {
  const counts = new Int32Array(buckets + 1);
  for (let i = 0; i < order.length; i++) counts[(key[order[i] as number] as number) + 1]! += 1;
  for (let b = 0; b < buckets; b++) counts[b + 1]! += counts[b] as number;
  const sorted = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const item = order[i] as number;
    const slot = key[item] as number;
    sorted[counts[slot] as number] = item;
    counts[slot]! += 1;
  }
  return sorted;
}

const DIGIT_BITS = 12;
const DIGIT_MASK = (1 << DIGIT_BITS) - 1;
const LOW_BITS = 24;
const LOW_SPAN = 2 ** LOW_BITS;

/**
 * Indices 0..values.length-1 sorted by value (stable). Values must be integers (epoch ms are);
 * they are sorted as offsets from the minimum in 12-bit digits, so a year of milliseconds takes
 * three passes.
 */
export function radixOrder(values: Float64Array): Int32Array {
  const order = new Int32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return radixSortBy(order, values);
}

/** Stably reorders `order` by `values[order[i]]` (integers), as `radixOrder` does. */
export function radixSortBy(initial: Int32Array, values: Float64Array): Int32Array {
  const n = values.length;
  let order = initial;
  if (initial.length < 2) return order;
  let min = values[0] as number;
  let max = min;
  for (let i = 1; i < n; i++) {
    const v = values[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // Split each offset into two exact 24-bit-or-more integer halves, then take 12-bit digits.
  const low = new Int32Array(n);
  const high = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const offset = (values[i] as number) - min;
    const h = Math.floor(offset / LOW_SPAN);
    high[i] = h;
    low[i] = offset - h * LOW_SPAN;
  }
  const digit = new Int32Array(n);
  const range = max - min;
  for (let shift = 0; shift === 0 || 2 ** shift <= range; shift += DIGIT_BITS) {
    const source = shift < LOW_BITS ? low : high;
    const bits = shift < LOW_BITS ? shift : shift - LOW_BITS;
    for (let i = 0; i < n; i++) digit[i] = ((source[i] as number) >>> bits) & DIGIT_MASK;
    order = countingSortBy(order, digit, DIGIT_MASK + 1);
  }
  return order;
}

/**
 * Sorts, in place with `compare`, each run of neighbours in `order` that `sameRun` says are equal
 * on the keys already sorted by; runs are short (ties), so this stays linear in practice.
 */
export function sortRuns(
  order: Int32Array,
  sameRun: (a: number, b: number) => boolean,
  compare: (a: number, b: number) => number,
): Int32Array {
  let runStart = 0;
  for (let i = 1; i <= order.length; i++) {
    if (i < order.length && sameRun(order[runStart] as number, order[i] as number)) continue;
    if (i - runStart > 1) order.subarray(runStart, i).sort(compare);
    runStart = i;
  }
  return order;
}
