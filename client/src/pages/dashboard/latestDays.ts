import type { HealthDataType } from '@hearth/schema';
import { combineLatest, map, type Observable } from 'rxjs';
import type { HearthDatabase, RollupRow } from '../../db/types.js';

/** The most recent finished day of a type with data: what a card shows when today has none. */
export type LatestDay = { value: number; startMs: number };

/**
 * Per type, the last day rollup that starts before `beforeMs` (today's start), live. Right after
 * midnight today is empty for most types; a person still wants their weight and last night.
 */
export function latestDays$(
  db: HearthDatabase,
  types: readonly HealthDataType[],
  beforeMs: number,
): Observable<ReadonlyMap<HealthDataType, LatestDay>> {
  const perType = types.map((type) =>
    db.rollups
      .findOne({
        selector: { period: 'day', type, startMs: { $lt: beforeMs } },
        sort: [{ startMs: 'desc' }],
      })
      .$.pipe(map((doc) => [type, doc ? (doc.toJSON() as RollupRow) : null] as const)),
  );
  return combineLatest(perType).pipe(
    map((entries) => {
      const latest = new Map<HealthDataType, LatestDay>();
      for (const [type, row] of entries) {
        if (row) latest.set(type, { value: row.value, startMs: row.startMs });
      }
      return latest;
    }),
  );
}
