import { MAX_PUSH_ROWS } from '@hearth/schema';

/** Well under the server's 8 MB push body limit, leaving room for the envelope. */
export const MAX_PUSH_BYTES = 4 * 1024 * 1024;

/**
 * Splits push rows into requests of at most `maxRows` rows and about `maxBytes` of JSON each.
 * A page of series is usually small, but an hour of one-second samples is ~3,600 points: a fixed
 * row count alone could build a body the server refuses, and RxDB would retry it forever.
 * A single row larger than `maxBytes` still goes alone (the server decides).
 */
export function chunkPushRows<T>(
  rows: readonly T[],
  maxBytes = MAX_PUSH_BYTES,
  maxRows = MAX_PUSH_ROWS,
): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = JSON.stringify(row).length + 1;
    if (current.length > 0 && (bytes + size > maxBytes || current.length >= maxRows)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
