import { seriesId } from '@hearth/core';
import type { HealthDataType } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import type { SeriesKey } from './series-codec.js';

export interface StoredSeries extends SeriesKey {
  payload: Buffer;
  pointCount: number;
  position: number;
  updatedAt: string;
  deleted: boolean;
}

export interface SeriesWrite extends SeriesKey {
  payload: Buffer;
  pointCount: number;
  position: number;
  deleted: boolean;
  /** The sealed identities of samples the person deleted (removed-samples.ts); absent: none. */
  removed?: Buffer | null;
}

interface DbSeries {
  device_id: string;
  type: HealthDataType;
  hour_ms: number;
  payload: Buffer;
  point_count: number;
  position: number;
  updated_at: Date;
  deleted: boolean;
}

const SERIES_COLUMNS = `device_id, type, (extract(epoch FROM hour_start) * 1000)::bigint AS hour_ms,
  payload, point_count, position, updated_at, deleted`;

function toStored(r: DbSeries): StoredSeries {
  return {
    deviceId: r.device_id,
    type: r.type,
    hourStart: r.hour_ms,
    payload: r.payload,
    pointCount: r.point_count,
    position: r.position,
    updatedAt: r.updated_at.toISOString(),
    deleted: r.deleted,
  };
}

const isoHour = (ms: number) => new Date(ms).toISOString();

/**
 * Reads the stored series with these keys and locks them until COMMIT, so two writers merging
 * into the same series take turns (read → merge → write never loses the other's points).
 *
 * Looked up key by key through the primary key (`OFFSET 0` keeps the lateral subquery from being
 * flattened): as a plain semi-join, the planner scanned every series of the user when its row
 * estimates were off (a young table), which made each write cost O(history).
 */
export async function lockSeries(
  db: Queryable,
  userId: string,
  keys: readonly SeriesKey[],
): Promise<StoredSeries[]> {
  const unique = [
    ...new Map(keys.map((k) => [`${k.deviceId}|${k.type}|${k.hourStart}`, k])).values(),
  ];
  if (unique.length === 0) return [];
  const res = await db.query<DbSeries>(
    `SELECT s.* FROM unnest($2::text[], $3::text[], $4::timestamptz[]) AS k(device_id, type, hour_start)
     CROSS JOIN LATERAL (
       SELECT ${SERIES_COLUMNS} FROM series
        WHERE user_id = $1 AND device_id = k.device_id AND type = k.type
          AND hour_start = k.hour_start
       OFFSET 0 FOR UPDATE) s`,
    [
      userId,
      unique.map((k) => k.deviceId),
      unique.map((k) => k.type),
      unique.map((k) => isoHour(k.hourStart)),
    ],
  );
  return res.rows.map(toStored);
}

/**
 * Inserts or replaces every row in one statement. Each row carries its own fresh position.
 * The payloads travel as ONE binary parameter sliced in SQL: a `bytea[]` parameter would be sent
 * as hex text, twice the bytes and noticeably slower for a batch of ~100 series.
 */
export async function upsertSeries(
  db: Queryable,
  userId: string,
  rows: readonly SeriesWrite[],
): Promise<void> {
  if (rows.length === 0) return;
  const offsets: number[] = [];
  let offset = 0;
  for (const r of rows) {
    offsets.push(offset);
    offset += r.payload.length;
  }
  await db.query(
    `INSERT INTO series (user_id, device_id, type, hour_start, payload, point_count, position, deleted,
                         removed)
     SELECT $1::uuid, t.device_id, t.type, t.hour_start, substring($5::bytea FROM t.off + 1 FOR t.len),
            t.point_count, t.position, t.deleted, t.removed
       FROM unnest($2::text[], $3::text[], $4::timestamptz[], $6::int[], $7::int[], $8::int[],
                   $9::bigint[], $10::boolean[], $11::bytea[])
         AS t(device_id, type, hour_start, off, len, point_count, position, deleted, removed)
     ON CONFLICT (user_id, device_id, type, hour_start) DO UPDATE
       SET payload = EXCLUDED.payload, point_count = EXCLUDED.point_count,
           position = EXCLUDED.position, deleted = EXCLUDED.deleted, removed = EXCLUDED.removed,
           updated_at = now()`,
    [
      userId,
      rows.map((r) => r.deviceId),
      rows.map((r) => r.type),
      rows.map((r) => isoHour(r.hourStart)),
      Buffer.concat(rows.map((r) => r.payload)),
      offsets,
      rows.map((r) => r.payload.length),
      rows.map((r) => r.pointCount),
      rows.map((r) => r.position),
      rows.map((r) => r.deleted),
      // Rarely set, so one hex-encoded `bytea[]` costs nothing worth slicing a buffer for.
      rows.map((r) => r.removed ?? null),
    ],
  );
}

/**
 * The sealed removed-sample lists (removed-samples.ts) of these series, by `seriesId`; series
 * with none are absent. The caller holds the rows' locks (lockSeries), so they cannot move.
 */
export async function loadRemoved(
  db: Queryable,
  userId: string,
  keys: readonly SeriesKey[],
): Promise<Map<string, Buffer>> {
  if (keys.length === 0) return new Map();
  const res = await db.query<{
    device_id: string;
    type: HealthDataType;
    hour_ms: number;
    removed: Buffer;
  }>(
    `SELECT s.device_id, s.type, (extract(epoch FROM s.hour_start) * 1000)::bigint AS hour_ms,
            s.removed
       FROM unnest($2::text[], $3::text[], $4::timestamptz[]) AS k(device_id, type, hour_start)
       JOIN series s ON s.user_id = $1 AND s.device_id = k.device_id AND s.type = k.type
                    AND s.hour_start = k.hour_start
      WHERE s.removed IS NOT NULL`,
    [
      userId,
      keys.map((k) => k.deviceId),
      keys.map((k) => k.type),
      keys.map((k) => isoHour(k.hourStart)),
    ],
  );
  return new Map(
    res.rows.map((r) => [seriesId(r.device_id, r.type, Number(r.hour_ms)), r.removed]),
  );
}

/** Live series of these types whose hour starts in [fromMs, toMs). */
export async function loadSeriesRange(
  db: Queryable,
  userId: string,
  types: readonly HealthDataType[],
  fromMs: number,
  toMs: number,
): Promise<StoredSeries[]> {
  // One range scan of the key (user, type, hour, …) per type, whatever the planner estimates.
  const res = await db.query<DbSeries>(
    `SELECT s.* FROM unnest($2::text[]) AS t(type)
     CROSS JOIN LATERAL (
       SELECT ${SERIES_COLUMNS} FROM series
        WHERE user_id = $1 AND type = t.type AND hour_start >= $3 AND hour_start < $4
          AND NOT deleted
       OFFSET 0) s`,
    [userId, types, isoHour(fromMs), isoHour(toMs)],
  );
  return res.rows.map(toStored);
}
