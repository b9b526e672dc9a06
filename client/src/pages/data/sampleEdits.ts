import { checkPlausibleValue, localDaysTouched } from '@hearth/core';
import type { HealthDataType, SeriesPoint } from '@hearth/schema';
import { changedDay, type ChangedDay, type LocalChanges } from '../../data/localChanges.js';
import { PENDING_UPDATED_AT, type HearthDatabase, type SeriesRow } from '../../db/types.js';
import {
  canonicalOfTyped,
  implausibleValueMessage,
  type TypedFigure,
} from '../entry/typedFigure.js';

/** One sample in the replica: its series and its identity there, (start, end). */
export type SampleRef = {
  seriesId: string;
  type: HealthDataType;
  start: number;
  end: number;
};

function daysOf(
  type: HealthDataType,
  points: readonly SeriesPoint[],
  timeZone: string,
): Set<ChangedDay> {
  const days = new Set<ChangedDay>();
  for (const [start, end] of points) {
    for (const day of localDaysTouched(type, start, end, timeZone)) days.add(changedDay(type, day));
  }
  return days;
}

const isSample = (ref: SampleRef) => (p: SeriesPoint) => p[0] === ref.start && p[1] === ref.end;

/**
 * Changes one point of a series in the local replica (works offline; replication uploads it).
 * The days the point touches are marked as changed here first, so every screen recomputes them
 * on the device until the server's rollups include the change (SPECIFICATION.md §14). Returns
 * false when the sample is no longer there (deleted meanwhile, on this or another device).
 */
async function changePoint(
  db: HearthDatabase,
  localChanges: LocalChanges,
  ref: SampleRef,
  timeZone: string,
  change: (points: SeriesPoint[], index: number) => SeriesPoint[],
): Promise<boolean> {
  const doc = await db.series.findOne(ref.seriesId).exec();
  const points = (doc?.toJSON() as SeriesRow | undefined)?.points ?? [];
  const index = points.findIndex(isSample(ref));
  if (!doc || index < 0) return false;
  localChanges.addDays(daysOf(ref.type, [points[index]!], timeZone));
  // A series left empty stays as a document: the server then knows its samples were deleted.
  await doc.incrementalPatch({ points: change(points, index), updatedAt: PENDING_UPDATED_AT });
  return true;
}

/** Deletes one sample, whatever its source; the server keeps it deleted (§14). */
export function deleteSample(
  db: HearthDatabase,
  localChanges: LocalChanges,
  ref: SampleRef,
  timeZone: string,
): Promise<boolean> {
  return changePoint(db, localChanges, ref, timeZone, (points, index) =>
    points.filter((_, i) => i !== index),
  );
}

/** Gives one sample (an entry made in the app) a new canonical value; its identity stays. */
export function changeSampleValue(
  db: HearthDatabase,
  localChanges: LocalChanges,
  ref: SampleRef,
  value: number,
  timeZone: string,
): Promise<boolean> {
  return changePoint(db, localChanges, ref, timeZone, (points, index) =>
    points.map((p, i) => (i === index ? ([p[0], p[1], value, ...p.slice(3)] as SeriesPoint) : p)),
  );
}

/**
 * Deletes every sample of one source: its series become tombstones, which replicate and which
 * the server remembers sample by sample, so a re-sent batch does not bring them back (§14).
 * Returns how many samples were deleted.
 */
export async function deleteSourceData(
  db: HearthDatabase,
  localChanges: LocalChanges,
  deviceId: string,
  timeZone: string,
): Promise<number> {
  const docs = await db.series.find({ selector: { deviceId } }).exec();
  const days = new Set<ChangedDay>();
  let samples = 0;
  for (const doc of docs) {
    const { type, points } = doc.toJSON() as SeriesRow;
    for (const day of daysOf(type, points, timeZone)) days.add(day);
    samples += points.length;
  }
  localChanges.addDays(days);
  await db.series.bulkRemove(docs.map((d) => d.id));
  return samples;
}

/**
 * The new canonical value of `ref` from what the person typed in `unit`, or why it cannot be
 * (core's plausibility rules, the server's too; the times stay, so only the value is checked).
 * Fields left as they opened (`initial`) keep the stored value exactly: the two decimals a form
 * shows must not nudge a weight by a rounding error.
 */
export function editedValue(
  ref: SampleRef & { value: number },
  figure: TypedFigure,
  unit: string,
  initial: TypedFigure,
): { ok: true; value: number } | { ok: false; message: string } {
  const unchanged =
    figure.value.trim() === initial.value.trim() &&
    (figure.pounds ?? '').trim() === (initial.pounds ?? '').trim();
  if (unchanged) return { ok: true, value: ref.value };
  const value = canonicalOfTyped(ref.type, figure, unit);
  if (value === null) return { ok: false, message: 'Enter a number.' };
  if (checkPlausibleValue(ref.type, value, ref.end - ref.start)) {
    return { ok: false, message: implausibleValueMessage(ref.type, unit) };
  }
  return { ok: true, value };
}
