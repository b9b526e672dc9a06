import { addLocalDays, startOfLocalDate } from '@hearth/core';
import type { HealthDataType, LocalDate } from '@hearth/schema';
import { isPending, type HearthDatabase, type SeriesRow } from '../db/types.js';
import { seriesWindow } from './deviceBuckets.js';
import {
  parseChangedDay,
  SETTINGS_CATCH_UP_MS,
  type ChangedDay,
  type LocalChanges,
} from './localChanges.js';

function groupByType(keys: Iterable<ChangedDay>): Map<HealthDataType, LocalDate[]> {
  const byType = new Map<HealthDataType, LocalDate[]>();
  for (const key of keys) {
    const { type, day } = parseChangedDay(key);
    byType.set(type, [...(byType.get(type) ?? []), day]);
  }
  return byType;
}

/** Days of one type whose server rollup now includes everything this device wrote. */
async function caughtUpDays(
  db: HearthDatabase,
  type: HealthDataType,
  days: LocalDate[],
  timeZone: string,
): Promise<LocalDate[]> {
  const sorted = [...days].sort();
  const dayRange = (first: LocalDate, last: LocalDate) => ({
    from: startOfLocalDate(first, timeZone),
    to: startOfLocalDate(addLocalDays(last, 1), timeZone),
  });
  const range = dayRange(sorted[0]!, sorted[sorted.length - 1]!);
  const window = seriesWindow(range.from, range.to);
  const [seriesDocs, rollupDocs] = await Promise.all([
    db.series.find({ selector: { type, hourStart: { $gte: window.from, $lt: window.to } } }).exec(),
    db.rollups
      .find({ selector: { period: 'day', type, startMs: { $gte: range.from, $lt: range.to } } })
      .exec(),
  ]);
  const series: SeriesRow[] = seriesDocs.map((d) => d.toJSON() as SeriesRow);
  const rollupAt = new Map(rollupDocs.map((r) => [r.startMs, Date.parse(r.updatedAt)]));
  return sorted.filter((day) => {
    const own = dayRange(day, day);
    const w = seriesWindow(own.from, own.to);
    const relevant = series.filter((s) => s.hourStart >= w.from && s.hourStart < w.to);
    if (relevant.some(isPending)) return false;
    const rollup = rollupAt.get(own.from);
    if (rollup === undefined) return relevant.length === 0;
    return relevant.every((s) => Date.parse(s.updatedAt) <= rollup);
  });
}

/**
 * Forgets the local changes the server has caught up with: a changed day once its series are
 * uploaded and its day rollup was computed after them; a settings change once uploaded and old
 * enough for the server to have recomputed.
 */
export async function pruneLocalChanges(
  db: HearthDatabase,
  changes: LocalChanges,
  fallbackTimeZone: string,
  now: number,
): Promise<void> {
  const settings = (await db.settings.findOne('settings').exec())?.toJSON();
  const timeZone = settings?.timeZone ?? fallbackTimeZone;
  const changedAt = changes.state.settingsChangedAt;
  if (
    changedAt !== null &&
    settings &&
    !isPending(settings) &&
    now - changedAt > SETTINGS_CATCH_UP_MS
  ) {
    changes.clearSettingsChange();
  }
  for (const [type, days] of groupByType(changes.state.days)) {
    const done = await caughtUpDays(db, type, days, timeZone);
    changes.removeDays(done.map((day) => `${type}|${day}` as const));
  }
}
