import { HourGrid, type HourSummaries } from './hour-grid.js';
import {
  compressCoordinates,
  coveredSegments,
  cumulativeSampleOrder,
  sweepOwnership,
  type OwnershipVisitor,
} from './ownership.js';
import type { TypeSamples } from './prepare.js';

/**
 * Cumulative hours: a sample adds value × (time it owns in the hour) / (its duration), owned time
 * summed per hour before multiplying so the figure depends only on what it owns, not on how other
 * samples cut it. Contributions enter each hour in sample order: a canonical order, so sums are
 * bit-for-bit the same whatever the input order.
 *
 * sampleCount: SPECIFICATION.md §3 counts "samples owning some time in the bucket", but a week must also be
 * exactly the merge of its days, and a sample owning time on both sides of midnight would then
 * count twice in its week. So a sample counts once, in the hour holding the first instant it owns
 * (a zero-length sample: its instant). Days, weeks and months inherit that, so counts merge.
 */
class CumulativeHourTotals implements OwnershipVisitor {
  readonly sum: Float64Array;
  readonly count: Int32Array;
  readonly touched: Uint8Array;
  private sample = -1;
  private hour = -1;
  private ownedMs = 0;
  private counted = false;

  constructor(
    private readonly ts: TypeSamples,
    private readonly coords: Float64Array,
    private readonly coordHour: Int32Array,
    private readonly hourEnds: readonly number[],
  ) {
    this.sum = new Float64Array(hourEnds.length);
    this.count = new Int32Array(hourEnds.length);
    this.touched = new Uint8Array(hourEnds.length);
  }

  owned(sample: number, from: number, to: number): void {
    if (sample !== this.sample) this.startSample(sample);
    let at = this.coords[from] as number;
    const until = this.coords[to] as number;
    let hour = this.coordHour[from] as number;
    for (;;) {
      const hourEnd = this.hourEnds[hour] as number;
      if (until <= hourEnd) {
        this.add(hour, until - at);
        return;
      }
      this.add(hour, hourEnd - at);
      at = hourEnd;
      hour++;
    }
  }

  instant(sample: number, at: number): void {
    this.startSample(-1);
    const hour = this.coordHour[at] as number;
    this.sum[hour] = (this.sum[hour] as number) + (this.ts.value[sample] as number);
    this.count[hour] = (this.count[hour] as number) + 1;
    this.touched[hour] = 1;
  }

  finish(): void {
    this.startSample(-1);
  }

  private startSample(sample: number): void {
    this.flushHour();
    this.sample = sample;
    this.hour = -1;
    this.counted = false;
  }

  private add(hour: number, ms: number): void {
    if (hour !== this.hour) {
      this.flushHour();
      this.hour = hour;
    }
    this.ownedMs += ms;
  }

  private flushHour(): void {
    const hour = this.hour;
    if (hour < 0) return;
    const { value, start, end } = this.ts;
    const s = this.sample;
    const share =
      ((value[s] as number) * this.ownedMs) / ((end[s] as number) - (start[s] as number));
    this.sum[hour] = (this.sum[hour] as number) + share;
    this.touched[hour] = 1;
    if (!this.counted) {
      this.count[hour] = (this.count[hour] as number) + 1;
      this.counted = true;
    }
    this.ownedMs = 0;
    this.hour = -1;
  }
}

/**
 * The hour of every coordinate, building the grid on the way: every hour a covered segment
 * crosses exists, so an owned run can step from hour h to h + 1.
 */
function hourOfEachCoordinate(coords: Float64Array, covered: Uint8Array, timeZone: string) {
  const grid = new HourGrid(timeZone);
  const coordHour = new Int32Array(coords.length);
  let hourEnd = -Infinity;
  for (let k = 0; k < coords.length; k++) {
    const t = coords[k] as number;
    // Most coordinates fall in the hour of the one before: only look the hour up when not.
    if (t >= hourEnd) {
      grid.hourOf(t);
      hourEnd = grid.lastEnd;
    }
    coordHour[k] = grid.length - 1;
    if (covered[k] && (coords[k + 1] as number) > hourEnd) {
      grid.extendTo(coords[k + 1] as number);
      hourEnd = grid.lastEnd;
    }
  }
  return { grid, coordHour };
}

export function cumulativeHours(
  ts: TypeSamples,
  sourceCount: number,
  timeZone: string,
): HourSummaries {
  const coordinates = compressCoordinates(ts);
  const { coords } = coordinates;
  const covered = coveredSegments(ts, coordinates);
  const { grid, coordHour } = hourOfEachCoordinate(coords, covered, timeZone);
  const totals = new CumulativeHourTotals(ts, coords, coordHour, grid.ends);
  sweepOwnership(coordinates, cumulativeSampleOrder(ts, coordinates, sourceCount), totals);
  totals.finish();

  const result: HourSummaries = { starts: [], summaries: [] };
  for (let h = 0; h < grid.length; h++) {
    if (!totals.touched[h]) continue;
    result.starts.push(grid.starts[h] as number);
    const sum = totals.sum[h] as number;
    result.summaries.push({
      sum,
      count: totals.count[h] as number,
      min: null,
      max: null,
      latest: null,
    });
  }
  return result;
}
