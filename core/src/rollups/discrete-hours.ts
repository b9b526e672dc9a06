import { HourGrid, type HourSummaries } from './hour-grid.js';
import {
  compareInSampleOrder,
  type SampleIdOf,
  type SourceOrder,
  type TypeSamples,
} from './prepare.js';
import { radixOrder, sortRuns } from './radix.js';
import type { LatestReading, RollupSummary } from './summary.js';

/**
 * Discrete hours: samples with the same start and end are one reading seen by several sources
 * (the phone mirrors the watch), so only the first in sample order is kept; every other sample
 * counts in the hour of its start. Values are summed in (start, end) order.
 */
export function discreteHours(
  ts: TypeSamples,
  sampleId: SampleIdOf,
  sources: SourceOrder,
  timeZone: string,
): HourSummaries {
  const { start, end, value } = ts;
  const inOrder = compareInSampleOrder(ts);
  const order = byStartThenEnd(ts, inOrder);
  const grid = new HourGrid(timeZone);
  const result: HourSummaries = { starts: [], summaries: [] };
  let current: RollupSummary | undefined;
  let latest = -1;
  const close = () => {
    if (current) current.latest = latestReading(ts, sampleId, sources, latest);
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
  sampleId: SampleIdOf,
  sources: SourceOrder,
  i: number,
): LatestReading {
  const rank = ts.rank[i] as number;
  return {
    value: ts.value[i] as number,
    endMs: ts.end[i] as number,
    startMs: ts.start[i] as number,
    sourceRank: sources.priorityRank[rank] as number,
    sourceId: sources.ids[rank] as string,
    sampleId: sampleId(ts.input[i] as number),
  };
}
