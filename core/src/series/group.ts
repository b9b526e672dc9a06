import type { HealthDataType, HealthSample, SeriesPoint } from '@hearth/schema';
import { comparePoints } from './points.js';
import { seriesId, utcHourStart } from './series-key.js';

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
  group: SeriesGroup;
  /** Input position of each point, so that the later of two duplicates wins after sorting. */
  order: number[];
}

/**
 * Groups samples into series by (sourceDevice, type, UTC hour of the start). Within a series a
 * later sample with the same (start, end) replaces an earlier one. The result is sorted by
 * (deviceId, type, hourStart), so it never depends on anything but the input's content and order.
 */
export function groupIntoSeries(samples: readonly HealthSample[]): SeriesGroup[] {
  const pending = new Map<string, Pending>();
  for (let index = 0; index < samples.length; index++) {
    const sample = samples[index]!;
    const start = Date.parse(sample.startDate);
    const end = Date.parse(sample.endDate);
    const hourStart = utcHourStart(start);
    const id = seriesId(sample.sourceDevice, sample.type, hourStart);
    let entry = pending.get(id);
    if (!entry) {
      const group = { id, deviceId: sample.sourceDevice, type: sample.type, hourStart, points: [] };
      entry = { group, order: [] };
      pending.set(id, entry);
    }
    entry.group.points.push([start, end, sample.value]);
    entry.order.push(index);
  }
  const groups = [...pending.values()].map(({ group, order }) => ({
    ...group,
    points: sortUniqueKeepingLast(group.points, order),
  }));
  return groups.sort(compareGroups);
}

function sortUniqueKeepingLast(points: SeriesPoint[], order: number[]): SeriesPoint[] {
  const indices = points.map((_, k) => k);
  indices.sort((x, y) => comparePoints(points[x]!, points[y]!) || order[x]! - order[y]!);
  const unique: SeriesPoint[] = [];
  for (const k of indices) {
    const point = points[k]!;
    const last = unique[unique.length - 1];
    // Sorted by input order within equal (start, end): overwrite, so the last one stays.
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
