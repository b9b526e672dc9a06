import type { HealthSample } from '@hearth/schema';
import { HourGrid } from './hour-grid.js';
import { radixOrder, sortRuns } from './radix.js';
import {
  compressCoordinates,
  coveredSegments,
  cumulativeSampleOrder,
  sweepOwnership,
  type OwnershipVisitor,
} from './ownership.js';
import { compareInSampleOrder, type SourceOrder, type TypeSamples } from './prepare.js';
import type { RollupSummary } from './summary.js';

/** The hour buckets of one type that have data, in time order. */
export interface HourSummaries {
  starts: number[];
  summaries: RollupSummary[];
}

/**
 * Cumulative hours: a sample adds value × (time it owns in the hour) / (its duration), owned time
 * summed per hour before multiplying so the figure depends only on what it owns, not on how other
 * samples cut it. Contributions enter each hour in sample order: a canonical order, so sums are
 * bit-for-bit the same whatever the input order.
 *
 * sampleCount: DESIGN §3 counts "samples owning some time in the bucket", but a week must also be
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

export function cumulativeHours(
  ts: TypeSamples,
  samples: readonly HealthSample[],
  sourceCount: number,
  timeZone: string,
): HourSummaries {
  const coordinates = compressCoordinates(ts);
  const { coords } = coordinates;
  const covered = coveredSegments(ts, coordinates);
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
  const totals = new CumulativeHourTotals(ts, coords, coordHour, grid.ends);
  sweepOwnership(coordinates, cumulativeSampleOrder(ts, samples, coordinates, sourceCount), totals);
  totals.finish();

  const result: HourSummaries = { starts: [], summaries: [] };
  for (let h = 0; h < grid.length; h++) {
    if (!totals.touched[h]) continue;
    result.starts.push(grid.starts[h] as number);
    const summary = { sum: totals.sum[h] as number, count: totals.count[h] as number };
    result.summaries.push({ ...summary, min: null, max: null, latest: null });
  }
  return result;
}

/**
 * Discrete hours: samples with the same start and end are one reading seen by several sources
 * (the phone mirrors the watch), so only the first in sample order is kept; every other sample
 * counts in the hour of its start. Values are summed in (start, end) order.
 */
export function discreteHours(
  ts: TypeSamples,
  samples: readonly HealthSample[],
  sources: SourceOrder,
  timeZone: string,
): HourSummaries {
  const { start, end, value } = ts;
  const inOrder = compareInSampleOrder(ts, samples);
  const order = byStartThenEnd(ts, inOrder);
  const grid = new HourGrid(timeZone);
  const result: HourSummaries = { starts: [], summaries: [] };
  let current: RollupSummary | undefined;
  let latest = -1;
  const close = () => {
    if (current) current.latest = latestReading(ts, samples, sources, latest);
  };
  for (let p = 0; p < order.length; p++) {
    const i = order[p] as number;
    const previous = p > 0 ? (order[p - 1] as number) : -1;
    if (previous >= 0 && start[previous] === start[i] && end[previous] === end[i]) continue;
    const hour = grid.hourOf(start[i] as number);
    const v = value[i] as number;
    if (hour === result.starts.length) {
      close();
      current = { sum: v, count: 1, min: v, max: v, latest: null };
      latest = i;
      result.starts.push(grid.starts[hour] as number);
      result.summaries.push(current);
      continue;
    }
    const summary = current as RollupSummary;
    summary.sum += v;
    summary.count += 1;
    if (v < (summary.min as number)) summary.min = v;
    if (v > (summary.max as number)) summary.max = v;
    // latest: the greatest end; on a tie the first in sample order (not the highest value).
    const byEnd = (end[i] as number) - (end[latest] as number);
    if (byEnd > 0 || (byEnd === 0 && inOrder(i, latest) < 0)) latest = i;
  }
  close();
  return result;
}

/** Indices sorted by (start, end), then sample order: a radix pass, a comparator on equal starts. */
function byStartThenEnd(ts: TypeSamples, inOrder: (a: number, b: number) => number): Int32Array {
  const { start, end } = ts;
  return sortRuns(
    radixOrder(start),
    (a, b) => start[a] === start[b],
    (a, b) => (end[a] as number) - (end[b] as number) || inOrder(a, b),
  );
}

function latestReading(
  ts: TypeSamples,
  samples: readonly HealthSample[],
  sources: SourceOrder,
  i: number,
) {
  const rank = ts.rank[i] as number;
  return {
    value: ts.value[i] as number,
    endMs: ts.end[i] as number,
    startMs: ts.start[i] as number,
    sourceRank: sources.priorityRank[rank] as number,
    sourceId: sources.ids[rank] as string,
    sampleId: samples[ts.input[i] as number]?.id ?? '',
  };
}
