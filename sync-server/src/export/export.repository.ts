import type { AggregationPeriod, HealthDataType, LocalDate } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import type { SeriesKey } from '../series/series-codec.js';
import type { RollupKey } from '../rollups/rollup-codec.js';

/*
 * Keyset pages over a user's live series and rollups, in primary-key order: each page is one
 * indexed range scan that starts where the last one ended, so an export of any size holds one
 * page in memory and no connection between pages.
 */

export interface SeriesPageRow extends SeriesKey {
  payload: Buffer;
}

export interface RollupPageRow extends RollupKey {
  localStart: string;
  localDate: LocalDate;
  summary: Buffer;
}

const isoHour = (ms: number) => new Date(ms).toISOString();

export async function seriesPage(
  db: Queryable,
  userId: string,
  after: SeriesKey | null,
  limit: number,
): Promise<SeriesPageRow[]> {
  const res = await db.query<{
    device_id: string;
    type: HealthDataType;
    hour_ms: string;
    payload: Buffer;
  }>(
    `SELECT device_id, type, (extract(epoch FROM hour_start) * 1000)::bigint AS hour_ms, payload
       FROM series
      WHERE user_id = $1 AND NOT deleted
        ${after ? 'AND (type, hour_start, device_id) > ($3, $4::timestamptz, $5)' : ''}
      ORDER BY type, hour_start, device_id
      LIMIT $2`,
    after ? [userId, limit, after.type, isoHour(after.hourStart), after.deviceId] : [userId, limit],
  );
  return res.rows.map((r) => ({
    deviceId: r.device_id,
    type: r.type,
    hourStart: Number(r.hour_ms),
    payload: r.payload,
  }));
}

export async function rollupsPage(
  db: Queryable,
  userId: string,
  after: RollupKey | null,
  limit: number,
): Promise<RollupPageRow[]> {
  const res = await db.query<{
    type: HealthDataType;
    period: AggregationPeriod;
    start_ms: string;
    local_start: string;
    local_date: string;
    summary: Buffer;
  }>(
    `SELECT type, period, (extract(epoch FROM period_start) * 1000)::bigint AS start_ms,
            local_start, local_date, summary
       FROM rollups
      WHERE user_id = $1 AND NOT deleted
        ${after ? 'AND (type, period, period_start) > ($3, $4, to_timestamp($5::float8 / 1000))' : ''}
      ORDER BY type, period, period_start
      LIMIT $2`,
    after ? [userId, limit, after.type, after.period, after.startMs] : [userId, limit],
  );
  return res.rows.map((r) => ({
    type: r.type,
    period: r.period,
    startMs: Number(r.start_ms),
    localStart: r.local_start,
    localDate: r.local_date,
    summary: r.summary,
  }));
}

/** Every device the user ever had, removed ones too (their data stays until deleted). */
export async function deviceNames(db: Queryable, userId: string): Promise<Map<string, string>> {
  const res = await db.query<{ id: string; name: string; deleted: boolean }>(
    'SELECT id, name, deleted FROM devices WHERE user_id = $1',
    [userId],
  );
  return new Map(res.rows.map((r) => [r.id, r.deleted ? `${r.name} (removed)` : r.name]));
}
