import type { HealthDataType, HealthSample, SeriesPoint } from '@hearth/schema';
import { parseInstant } from '../time/instant.js';
import { comparePoints } from './points.js';
import { seriesId, utcHourStart } from './series-key.js';
import { ASLEEP_CODE, seriesPoint, sleepStageCode } from './stages.js';

/** The samples of one device, one type, one UTC hour, as series points. */
export interface SeriesGroup {
  id: string;
  deviceId: string;
  type: HealthDataType;
  hourStart: number;
  /** Sorted by (start, end), unique by (start, end). */
  points: SeriesPoint[];
}

interface Pending {
  deviceId: string;
  type: HealthDataType;
  hourStart: number;
  /** In input order. */
  points: SeriesPoint[];
  /** Whether `points` is still strictly increasing by (start, end), as devices usually send it. */
  inOrder: boolean;
}

/**
 * Collects points into series by (device, type, UTC hour of the start), one point at a time, so a
 * caller holding numbers never builds sample objects for them. Within a series a later point with
 * the same (start, end) replaces an earlier one.
 */
export class SeriesGrouper {
  readonly #byDevice = new Map<string, Map<HealthDataType, Map<number, Pending>>>();

  /** `stage` is a sleep stage code (core/src/series/stages.ts); 0, the default, is asleep or none. */
  add(
    deviceId: string,
    type: HealthDataType,
    start: number,
    end: number,
    value: number,
    stage: number = ASLEEP_CODE,
  ): void {
    let byType = this.#byDevice.get(deviceId);
    if (!byType)
      this.#byDevice.set(deviceId, (byType = new Map<HealthDataType, Map<number, Pending>>()));
    let byHour = byType.get(type);
    if (!byHour) byType.set(type, (byHour = new Map<number, Pending>()));
    const hourStart = utcHourStart(start);
    let pending = byHour.get(hourStart);
    if (!pending) {
      pending = { deviceId, type, hourStart, points: [], inOrder: true };
      byHour.set(hourStart, pending);
    }
    const last = pending.points[pending.points.length - 1];
    if (last && (start < last[0] || (start === last[0] && end <= last[1]))) pending.inOrder = false;
    pending.points.push(seriesPoint(start, end, value, stage));
  }

  /** The series, sorted by (deviceId, type, hourStart): only the content and order of input count. */
  groups(): SeriesGroup[] {
    const groups: SeriesGroup[] = [];
    for (const byType of this.#byDevice.values()) {
      for (const byHour of byType.values()) {
        for (const { deviceId, type, hourStart, points, inOrder } of byHour.values()) {
          groups.push({
            id: seriesId(deviceId, type, hourStart),
            deviceId,
            type,
            hourStart,
            points: inOrder ? points : sortUniqueKeepingLast(points),
          });
        }
      }
    }
    return groups.sort(compareGroups);
  }
}

/**
 * Groups samples into series by (sourceDevice, type, UTC hour of the start), sleep stages kept as
 * point codes. Within a series a later sample with the same (start, end) replaces an earlier one. The result is sorted by
 * (deviceId, type, hourStart), so it never depends on anything but the input's content and order.
 */
export function groupIntoSeries(samples: readonly HealthSample[]): SeriesGroup[] {
  const grouper = new SeriesGrouper();
  for (const sample of samples) {
    grouper.add(
      sample.sourceDevice,
      sample.type,
      instantOf(sample.startDate),
      instantOf(sample.endDate),
      sample.value,
      sleepStageCode(sample.sleepStage),
    );
  }
  return grouper.groups();
}

/** A validated sample's date (schema/src/instant.ts); anything else is a caller's mistake. */
function instantOf(text: string): number {
  const ms = parseInstant(text);
  if (ms === null) throw new RangeError('A sample date is not an ISO 8601 instant with an offset');
  return ms;
}

/** Sorts by (start, end); of points alike, the one added last stays. */
function sortUniqueKeepingLast(points: SeriesPoint[]): SeriesPoint[] {
  // Array.prototype.sort is stable: points alike keep their input order, the last one last.
  const sorted = [...points].sort(comparePoints);
  const unique: SeriesPoint[] = [];
  for (const point of sorted) {
    const last = unique[unique.length - 1];
    if (last && comparePoints(last, point) === 0) unique[unique.length - 1] = point;
    else unique.push(point);
  }
  return unique;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareGroups(a: SeriesGroup, b: SeriesGroup): number {
  return (
    compareStrings(a.deviceId, b.deviceId) ||
    compareStrings(a.type, b.type) ||
    a.hourStart - b.hourStart
  );
}
