import type { HealthDataType } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import { IDEMPOTENCY_TTL_HOURS } from './idempotency.repository.js';

/** A stored series of the ingesting device that the batch writes to. */
export interface StoredPayload {
  type: HealthDataType;
  hourStart: number;
  payload: Buffer;
  deleted: boolean;
}

/** What an ingest reads before it writes, all from one snapshot. */
export interface IngestState {
  /** The user's change counter in that snapshot: the write goes ahead only if it is unchanged. */
  changeSeq: number;
  timeZone: string;
  deviceLive: boolean;
  /** The device's stored series among those asked for (tombstones included). */
  stored: StoredPayload[];
  /** The sealed response already recorded for the request's idempotency key, if any. */
  replay: Buffer | null;
}

export interface IngestStateRequest {
  userId: string;
  deviceId: string;
  /** The series the batch writes to, all of `deviceId`. */
  series: ReadonlyArray<{ type: HealthDataType; hourStart: number }>;
  idempotencyKey: string | null;
}

interface StateRow {
  change_seq: number;
  time_zone: string;
  device_live: boolean;
  replay: Buffer | null;
  type: HealthDataType | null;
  hour_ms: number | null;
  payload: Buffer | null;
  deleted: boolean | null;
}

/*
 * One statement, so one snapshot. The series are looked up key by key through an index
 * (`OFFSET 0` keeps the lateral subquery from being flattened): as a semi-join the planner could
 * scan every series of the device when its row estimates were off, as on a young table, which made
 * each batch cost O(history).
 */
const STATE_SQL = `
WITH stored AS (
  SELECT s.type, (extract(epoch FROM s.hour_start) * 1000)::bigint AS hour_ms, s.payload, s.deleted
    FROM unnest($3::text[], $4::timestamptz[]) AS k(type, hour_start)
    CROSS JOIN LATERAL (
      SELECT * FROM series
       WHERE user_id = $1 AND device_id = $2 AND type = k.type AND hour_start = k.hour_start
      OFFSET 0) s)
SELECT u.change_seq, st.time_zone,
       EXISTS (SELECT 1 FROM devices d WHERE d.user_id = $1 AND d.id = $2 AND NOT d.deleted)
         AS device_live,
       (SELECT i.response FROM idempotency_keys i
         WHERE i.user_id = $1 AND i.device_id = $2 AND i.key = $5
           AND i.created_at > now() - make_interval(hours => $6)) AS replay,
       s.type, s.hour_ms, s.payload, s.deleted
  FROM users u
  JOIN settings st ON st.user_id = u.id
  LEFT JOIN stored s ON true
 WHERE u.id = $1 AND u.erased_at IS NULL`;

const isoHour = (ms: number) => new Date(ms).toISOString();

/**
 * Reads, in one round trip, what an ingest needs: the user's change counter and zone, whether
 * the device is live, the series the batch touches and a recorded idempotent response.
 * Null for an unknown or erased user. Takes no lock: `writeIngest` checks that the counter is
 * unchanged, which proves that nothing read here changed in between.
 */
export async function readIngestState(
  db: Queryable,
  req: IngestStateRequest,
): Promise<IngestState | null> {
  const res = await db.query<StateRow>({
    name: 'hearth-ingest-read',
    text: STATE_SQL,
    values: [
      req.userId,
      req.deviceId,
      req.series.map((s) => s.type),
      req.series.map((s) => isoHour(s.hourStart)),
      req.idempotencyKey,
      IDEMPOTENCY_TTL_HOURS,
    ],
  });
  const first = res.rows[0];
  if (!first) return null;
  const stored: StoredPayload[] = [];
  for (const row of res.rows) {
    if (row.type === null || row.hour_ms === null || row.payload === null) continue;
    stored.push({
      type: row.type,
      hourStart: row.hour_ms,
      payload: row.payload,
      deleted: row.deleted === true,
    });
  }
  return {
    changeSeq: first.change_seq,
    timeZone: first.time_zone,
    deviceLive: first.device_live,
    stored,
    replay: first.replay,
  };
}
