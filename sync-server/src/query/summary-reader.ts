import { summaryToAggregate } from '@hearth/core';
import { HEALTH_DATA_TYPES, type DailySummary, type HealthDataType } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import { openSummary } from '../rollups/rollup-codec.js';

/** One (person, local date) whose daily summary is wanted, with the person's data key. */
export interface DayRef {
  userId: string;
  day: string;
  dataKey: Buffer;
}

interface SealedDayRow {
  /** 1-based index of the DayRef the row answers. */
  i: number;
  type: HealthDataType;
  start_ms: number;
  summary: Buffer;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(HEALTH_DATA_TYPES);

/**
 * The day rollups of several (person, date) pairs in ONE round trip, only the columns the summary
 * needs (the row key for the AAD and the sealed summary): on this machine a query's cost is mostly
 * waking the backend and being woken by its answer, so misses that arrive together share one.
 * A named statement is parsed and planned once per connection.
 */
async function queryDayRollups(db: Queryable, refs: readonly DayRef[]): Promise<SealedDayRow[]> {
  const res = await db.query<SealedDayRow>({
    name: 'hearth-day-summaries',
    text: `SELECT q.i::int AS i, r.type,
        (extract(epoch FROM r.period_start) * 1000)::bigint AS start_ms, r.summary
      FROM unnest($1::uuid[], $2::date[]) WITH ORDINALITY AS q(user_id, local_date, i)
      JOIN rollups r ON r.user_id = q.user_id AND r.period = 'day'
        AND r.local_date = q.local_date AND NOT r.deleted
      ORDER BY q.i, r.type`,
    values: [refs.map((r) => r.userId), refs.map((r) => r.day)],
  });
  return res.rows;
}

/**
 * The daily summaries of `refs` as the JSON the route sends, in the order given: the value of every
 * type with a day rollup on that date, types in alphabetical order (as `findRollups` orders them).
 * A pair whose row does not open gets its error in its place: one person's unreadable row must not
 * fail the other people's reads that shared the query.
 */
export async function readDailySummaries(
  db: Queryable,
  refs: readonly DayRef[],
): Promise<Array<string | Error>> {
  if (refs.length === 0) return [];
  const rows = await queryDayRollups(db, refs);
  const summaries: Array<DailySummary | Error> = refs.map((r) => ({ date: r.day, metrics: {} }));
  for (const row of rows) {
    const ref = refs[row.i - 1];
    const summary = summaries[row.i - 1];
    if (!ref || !summary || summary instanceof Error || !KNOWN_TYPES.has(row.type)) continue;
    const key = { type: row.type, period: 'day' as const, startMs: row.start_ms };
    try {
      const opened = openSummary(ref.dataKey, ref.userId, key, row.summary);
      // The value does not depend on the bucket's label, which the summary does not show.
      summary.metrics[row.type] = summaryToAggregate(row.type, 'day', '', opened).value;
    } catch (err) {
      summaries[row.i - 1] = err instanceof Error ? err : new Error(String(err));
    }
  }
  return summaries.map((s) => (s instanceof Error ? s : JSON.stringify(s)));
}
