import { localDaysTouched } from '@hearth/core';
import type { HealthDataType, HealthSample, SeriesPoint } from '@hearth/schema';
import type { DirtyDay } from './rollup-queue.repository.js';

/** Collects the (type, local day) pairs whose rollups some samples or points can change. */
export class DirtyDays {
  readonly #days = new Map<string, DirtyDay>();

  constructor(private readonly timeZone: string) {}

  addInterval(type: HealthDataType, startMs: number, endMs: number): void {
    for (const localDay of localDaysTouched(type, startMs, endMs, this.timeZone)) {
      this.#days.set(`${type}|${localDay}`, { type, localDay });
    }
  }

  addSamples(samples: readonly HealthSample[]): this {
    for (const s of samples)
      this.addInterval(s.type, Date.parse(s.startDate), Date.parse(s.endDate));
    return this;
  }

  /**
   * The points of ONE series (one type, starts within one UTC hour). For a series write pass both
   * the old and the new points: removed points dirty days too.
   *
   * Two calls cover the whole series instead of one per point: every start lies in one hour, so
   * the days of the starts are those of the first and last start, and the days a cumulative
   * sample can reach run from its start's day to a day set by its end, which the latest end
   * bounds. The result is a superset of the per-point union (exact unless every point has zero
   * length), and a superset only costs the worker an extra day to recompute.
   */
  addPoints(type: HealthDataType, points: readonly SeriesPoint[]): this {
    if (points.length === 0) return this;
    let minStart = Infinity;
    let maxStart = -Infinity;
    let maxEnd = -Infinity;
    for (const [start, end] of points) {
      if (start < minStart) minStart = start;
      if (start > maxStart) maxStart = start;
      if (end > maxEnd) maxEnd = end;
    }
    this.addInterval(type, minStart, maxEnd);
    this.addInterval(type, maxStart, maxEnd);
    return this;
  }

  list(): DirtyDay[] {
    return [...this.#days.values()];
  }
}
