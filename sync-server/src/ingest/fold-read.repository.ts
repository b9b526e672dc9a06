import type { HealthDataType } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';

/** A stored series of the device that the folded batches write to. */
export interface StoredPayload {
  type: HealthDataType;
  hourStart: number;
  payload: Buffer;
  deleted: boolean;
  /** The sealed identities of samples the person deleted from it (removed-samples.ts). */
  removed: Buffer | null;
}

/** What a fold reads before it writes, all from one snapshot. */
export interface FoldState {
  /** The user's change counter in that snapshot: the write goes ahead only if it is unchanged. */
  changeSeq: number;
  timeZone: string;
  deviceLive: boolean;
  /** The device's stored series among those asked for (tombstones included). */
  stored: StoredPayload[];
}

export interface FoldStateRequest {
  userId: string;
  deviceId: string;
  /** The series the batches write to, all of `deviceId`. */
  series: ReadonlyArray<{ type: HealthDataType; hourStart: number }>;
}

interface StateRow {
  change_seq: number;
  time_zone: string;
  device_live: boolean;
  type: HealthDataType | null;
  hour_ms: number | null;
  payload: Buffer | null;
  deleted: boolean | null;
  removed: Buffer | null;
}

/*
 * One statement, so one snapshot. The series are looked up key by key through an index
 * (`OFFSET 0` keeps the lateral subquery from being flattened): as a semi-join the planner could
 * scan every series of the device when its row estimates were off, as on a young table, which made
 * each batch cost O(history).
 */
const STATE_SQL = `
WITH stored AS (
  SELECT s.type, (extract(epoch FROM s.hour_start) * 1000)::bigint AS hour_ms, s.payload, s.deleted,
         s.removed
    FROM unnest($3::text[], $4::timestamptz[]) AS k(type, hour_start)
    CROSS JOIN LATERAL (
      SELECT * FROM series
       WHERE user_id = $1 AND device_id = $2 AND type = k.type AND hour_start = k.hour_start
      OFFSET 0) s)
SELECT u.change_seq, st.time_zone,
       EXISTS (SELECT 1 FROM devices d WHERE d.user_id = $1 AND d.id = $2 AND NOT d.deleted)
         AS device_live,
       s.type, s.hour_ms, s.payload, s.deleted, s.removed
  FROM users u
  JOIN settings st ON st.user_id = u.id
  LEFT JOIN stored s ON true
 WHERE u.id = $1 AND u.erased_at IS NULL`;

const isoHour = (ms: number) => new Date(ms).toISOString();

/**
 * Reads, in one round trip, what a fold needs: the user's change counter and zone, whether the
 * device is live and the series the batches touch. Null for an unknown or erased user. The fold
 * holds the user's write lock; `writeFold` still checks that the counter is unchanged, which
 * proves that nothing read here changed in between.
 */
export async function readFoldState(
  db: Queryable,
  req: FoldStateRequest,
): Promise<FoldState | null> {
  const res = await db.query<StateRow>({
    name: 'hearth-fold-read',
    text: STATE_SQL,
    values: [
      req.userId,
      req.deviceId,
      req.series.map((s) => s.type),
      req.series.map((s) => isoHour(s.hourStart)),
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
      removed: row.removed,
    });
  }
  return {
    changeSeq: first.change_seq,
    timeZone: first.time_zone,
    deviceLive: first.device_live,
    stored,
  };
}
