import type { BucketSummary, RollupSummary } from '@hearth/core';
import type { LocalDate } from '@hearth/schema';
import { openSummary, sameSummary, type RollupKey } from '../rollups/rollup-codec.js';
import type { StoredRollupState } from '../rollups/rollups.repository.js';

/** A rollup row to write; `summary: null` tombstones the row (its sealed summary is kept). */
export interface PendingRollup extends RollupKey {
  localStart: string;
  localDate: LocalDate;
  summary: RollupSummary | null;
  /** The stored sealed summary, reused for tombstones. */
  sealed?: Buffer;
}

const keyOf = (k: RollupKey) => `${k.type}|${k.period}|${k.startMs}`;

/**
 * What must be written so the stored rows of a scope equal `computed`: changed or new buckets,
 * and tombstones for live rows that no longer have data. Unchanged rows are left alone, so a
 * recompute does not hand devices rows to pull again for nothing.
 */
export function diffRollups(
  dataKey: Buffer,
  userId: string,
  computed: readonly BucketSummary[],
  existing: readonly StoredRollupState[],
): PendingRollup[] {
  const stored = new Map(existing.map((r) => [keyOf(r), r]));
  const writes: PendingRollup[] = [];
  const seen = new Set<string>();
  for (const bucket of computed) {
    const key = keyOf(bucket);
    seen.add(key);
    const row = stored.get(key);
    if (
      row &&
      !row.deleted &&
      row.localStart === bucket.periodStart &&
      row.localDate === bucket.localDate &&
      sameSummary(openSummary(dataKey, userId, row, row.summary), bucket.summary)
    ) {
      continue;
    }
    writes.push({
      type: bucket.type,
      period: bucket.period,
      startMs: bucket.startMs,
      localStart: bucket.periodStart,
      localDate: bucket.localDate,
      summary: bucket.summary,
    });
  }
  for (const row of existing) {
    if (row.deleted || seen.has(keyOf(row))) continue;
    writes.push({
      type: row.type,
      period: row.period,
      startMs: row.startMs,
      localStart: row.localStart,
      localDate: row.localDate,
      summary: null,
      sealed: row.summary,
    });
  }
  return writes;
}
