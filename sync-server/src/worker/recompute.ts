import {
  computeBucketSummariesFromSeries,
  isoWeekStartDate,
  monthStartDate,
  addLocalDays,
  rollUpDays,
  type DaySummary,
  type RollupSummary,
} from '@hearth/core';
import type { HealthDataType, LocalDate } from '@hearth/schema';
import type { PoolClient } from '../db/pool.js';
import { openSummary } from '../rollups/rollup-codec.js';
import { findRollups, findRollupsOnDates } from '../rollups/rollups.repository.js';
import { loadSeriesForDays } from './load-series.js';
import { diffRollups, type PendingRollup } from './rollup-diff.js';

export interface JobContext {
  client: PoolClient;
  userId: string;
  dataKey: Buffer;
  timeZone: string;
  priority: readonly string[];
}

/** Days further apart than this are recomputed separately, so scattered days never load the gap. */
const MAX_RUN_GAP_DAYS = 3;

/** Splits sorted days into runs of nearby days. */
export function dayRuns(days: readonly LocalDate[]): LocalDate[][] {
  const sorted = [...new Set(days)].sort();
  const runs: LocalDate[][] = [];
  for (const day of sorted) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last && addLocalDays(last, MAX_RUN_GAP_DAYS) >= day) run.push(day);
    else runs.push([day]);
  }
  return runs;
}

/**
 * Recomputes the day rollups of `days` from the stored series (hours are not stored: they are
 * computed when read, rollups/hour-rollups.ts). Returns the rows to write and each recomputed
 * day's new summary (null: no data any more), for the weeks and months.
 */
export async function recomputeDays(
  ctx: JobContext,
  type: HealthDataType,
  days: readonly LocalDate[],
): Promise<{ writes: PendingRollup[]; daySummaries: Map<LocalDate, RollupSummary | null> }> {
  const writes: PendingRollup[] = [];
  const daySummaries = new Map<LocalDate, RollupSummary | null>();
  for (const run of dayRuns(days)) {
    const series = await loadSeriesForDays(
      ctx.client,
      ctx.dataKey,
      ctx.userId,
      [type],
      run,
      ctx.timeZone,
    );
    const computed = computeBucketSummariesFromSeries(series, {
      timeZone: ctx.timeZone,
      priority: ctx.priority,
      periods: ['day'],
      days: run,
    }).filter((b) => b.type === type);
    const existing = await findRollupsOnDates(ctx.client, ctx.userId, type, ['day'], run);
    writes.push(...diffRollups(ctx.dataKey, ctx.userId, computed, existing));
    for (const day of run) daySummaries.set(day, null);
    for (const b of computed) daySummaries.set(b.localDate, b.summary);
  }
  return { writes, daySummaries };
}

/**
 * Recomputes the weeks and months holding the changed days by merging day summaries: the stored
 * ones, overridden by this job's fresh ones (not yet written).
 */
export async function recomputeWeeksAndMonths(
  ctx: JobContext,
  type: HealthDataType,
  changedDays: ReadonlyMap<LocalDate, RollupSummary | null>,
): Promise<PendingRollup[]> {
  const days = [...changedDays.keys()];
  if (days.length === 0) return [];
  const weeks = new Set(days.map(isoWeekStartDate));
  const months = new Set(days.map(monthStartDate));
  const starts = [...weeks, ...months].sort();
  const from = starts[0] as LocalDate;
  const lastWeek = addLocalDays([...weeks].sort().at(-1) as LocalDate, 6);
  const lastMonth = addLocalDays(
    monthStartDate(addLocalDays([...months].sort().at(-1) as LocalDate, 31)),
    -1,
  );
  const to = lastWeek > lastMonth ? lastWeek : lastMonth;

  const stored = await findRollups(ctx.client, ctx.userId, {
    types: [type],
    periods: ['day'],
    fromDate: from,
    toDate: to,
  });
  const byDate = new Map<LocalDate, RollupSummary>();
  for (const row of stored) {
    byDate.set(row.localDate, openSummary(ctx.dataKey, ctx.userId, row, row.summary));
  }
  for (const [day, summary] of changedDays) {
    if (summary) byDate.set(day, summary);
    else byDate.delete(day);
  }
  const daySummaries: DaySummary[] = [...byDate].map(([localDate, summary]) => ({
    type,
    localDate,
    summary,
  }));
  const affected = rollUpDays(daySummaries, ctx.timeZone).filter((b) =>
    b.period === 'week' ? weeks.has(b.localDate) : months.has(b.localDate),
  );
  const existing = await findRollupsOnDates(
    ctx.client,
    ctx.userId,
    type,
    ['week', 'month'],
    starts,
  );
  // Only compare rows of the scope we recomputed: a week row dated a month start is not a month.
  const inScope = existing.filter((r) =>
    r.period === 'week' ? weeks.has(r.localDate) : months.has(r.localDate),
  );
  return diffRollups(ctx.dataKey, ctx.userId, affected, inScope);
}
