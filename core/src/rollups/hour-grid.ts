import { hourStart, nextBucketStart } from '../time/buckets.js';
import type { RollupSummary } from './summary.js';

/**
 * The local clock hours a type's samples touch, in time order, built from instants given in
 * non-decreasing order. Hours between samples are left out, so an outlier years away costs
 * nothing; `extendTo` adds every hour of a span some sample covers, so within a covered span
 * hour `h + 1` always starts where hour `h` ends.
 */
export class HourGrid {
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  constructor(readonly timeZone: string) {}

  get length(): number {
    return this.starts.length;
  }

  /** End of the last hour (-Infinity while empty). */
  get lastEnd(): number {
    return this.ends[this.ends.length - 1] ?? -Infinity;
  }

  /** Index of the hour holding `t`; `t` must not be before the previous call's `t`. */
  hourOf(t: number): number {
    const last = this.starts.length - 1;
    if (last >= 0 && t < (this.ends[last] as number)) return last;
    const start = hourStart(t, this.timeZone);
    this.push(start);
    return last + 1;
  }

  /** Adds the hours after the last one until they reach `t`. */
  extendTo(t: number): void {
    let end = this.ends[this.ends.length - 1];
    while (end !== undefined && end < t) {
      this.push(end);
      end = this.ends[this.ends.length - 1];
    }
  }

  private push(start: number): void {
    this.starts.push(start);
    this.ends.push(nextBucketStart('hour', start, this.timeZone));
  }
}

/** The hour buckets of one type that have data, in time order. */
export interface HourSummaries {
  starts: number[];
  summaries: RollupSummary[];
}
