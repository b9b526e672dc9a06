import { comparePoints, groupIntoSeries, localDaysTouched, mergeSeriesPoints } from '@hearth/core';
import type { HealthSample, SeriesPoint } from '@hearth/schema';
import { PENDING_UPDATED_AT, type HearthDatabase, type SeriesRow } from '../db/types.js';
import { changedDay, type ChangedDay, type LocalChanges } from './localChanges.js';

/** Series read and written per round trip to the storage. */
const WRITE_CHUNK = 1000;

export type WriteProgress = { written: number; total: number };

export type WriteResult = {
  /** Series the samples fall into. */
  series: number;
  /** Series whose points changed and were written (each then waits to upload). */
  seriesWritten: number;
  /** Samples with a (device, type, start, end) the replica did not hold yet. */
  added: number;
  /** Samples that replaced a stored one of the same identity with another value. */
  replaced: number;
};

function samePoint(a: SeriesPoint, b: SeriesPoint): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The points of `merged` that `existing` does not hold as they are (both sorted and unique by
 * (start, end), as series points always are), and how many of them are new identities.
 */
function pointsChanged(
  existing: readonly SeriesPoint[],
  merged: readonly SeriesPoint[],
): { changed: SeriesPoint[]; added: number } {
  const changed: SeriesPoint[] = [];
  let added = 0;
  let i = 0;
  for (const point of merged) {
    while (i < existing.length && comparePoints(existing[i]!, point) < 0) i++;
    const stored = existing[i];
    if (stored && comparePoints(stored, point) === 0) {
      if (!samePoint(stored, point)) changed.push(point);
    } else {
      changed.push(point);
      added++;
    }
  }
  return { changed, added };
}

/**
 * The local write path of every sample the app itself records (demo data, imports, manual
 * entries): grouped into series with core, merged into the stored series (a sample replaces the
 * stored one of the same (start, end), so writing the same samples twice changes nothing), and
 * written as pending so replication uploads them. The (type, local day)s the changed points touch
 * are recorded in `localChanges` before the write, so the screens compute them on the device at
 * once and a write cut short never leaves a day shown from a stale server rollup.
 * Series that would not change are not written: a re-import uploads nothing.
 */
export async function writeSamples(
  db: HearthDatabase,
  localChanges: LocalChanges,
  samples: readonly HealthSample[],
  timeZone: string,
  onProgress?: (progress: WriteProgress) => void,
): Promise<WriteResult> {
  const groups = groupIntoSeries(samples);
  const result: WriteResult = { series: groups.length, seriesWritten: 0, added: 0, replaced: 0 };
  for (let i = 0; i < groups.length; i += WRITE_CHUNK) {
    const chunk = groups.slice(i, i + WRITE_CHUNK);
    const stored = await db.series.findByIds(chunk.map((g) => g.id)).exec();
    const rows: SeriesRow[] = [];
    const days = new Set<ChangedDay>();
    for (const group of chunk) {
      const existing = stored.get(group.id)?.points ?? [];
      const points = existing.length ? mergeSeriesPoints(existing, group.points) : group.points;
      const { changed, added } = pointsChanged(existing, points);
      if (changed.length === 0) continue;
      result.added += added;
      result.replaced += changed.length - added;
      for (const [start, end] of changed) {
        for (const day of localDaysTouched(group.type, start, end, timeZone)) {
          days.add(changedDay(group.type, day));
        }
      }
      rows.push({ ...group, points, updatedAt: PENDING_UPDATED_AT });
    }
    localChanges.addDays(days);
    if (rows.length) await db.series.bulkUpsert(rows);
    result.seriesWritten += rows.length;
    onProgress?.({ written: i + chunk.length, total: groups.length });
  }
  return result;
}
