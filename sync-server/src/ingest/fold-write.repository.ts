import type { HealthDataType, ReplicatedCollection } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import { CHANNELS } from '../notify.js';
import type { DirtyDay } from '../rollups/rollup-queue.repository.js';

/** A series row to insert or replace, sealed. */
export interface FoldSeriesWrite {
  type: HealthDataType;
  hourStart: number;
  payload: Buffer;
  pointCount: number;
}

export interface FoldWrite {
  userId: string;
  deviceId: string;
  /** The user's change counter the write was prepared against (see `readFoldState`). */
  changeSeq: number;
  series: readonly FoldSeriesWrite[];
  dirtyDays: readonly DirtyDay[];
}

/*
 * Everything folding one device's inbox batches writes, in ONE statement (one round trip).
 *
 * `reserved` takes the positions (one per series row, then one for the device) by bumping the
 * user's change counter, which takes the user's row lock, the lock every writer of the user's
 * replicated rows holds until COMMIT; and only if the counter is still the one the batch was
 * merged against. Every such writer bumps it (README rule 1: positions for every replicated
 * write), so an unchanged counter proves the series read before are still current: no other
 * writer's points can be lost. A writer that changed series without taking positions would
 * defeat this check. Every other part reads a row of
 * `reserved`, so none of them can run before the lock is held (the rollup queue requires it,
 * see rollup-queue.repository.ts), and all of them write nothing when the counter moved: the
 * statement then returns no row. (The fold holds the user's write lock since its read, so that
 * would be a bug; the check keeps it from ever losing points silently.)
 *
 * - series rows, inserted or replaced; payloads travel as ONE binary parameter sliced in SQL
 *   (a `bytea[]` parameter would be sent as hex text, twice the bytes);
 * - the device's last sync and position, as devices.repository.ts `markDeviceSynced` does;
 * - the dirty (type, local day) rows for the rollup worker, as `enqueueRollupDays` does;
 * - the NOTIFYs of `publishChange` (same payload) and of rollup work, delivered at COMMIT.
 */
const WRITE_SQL = `
WITH reserved AS (
  UPDATE users SET change_seq = change_seq + $3
   WHERE id = $1 AND erased_at IS NULL AND change_seq = $4
   RETURNING change_seq AS last),
written AS (
  INSERT INTO series (user_id, device_id, type, hour_start, payload, point_count, position)
  SELECT $1::uuid, $2::text, t.type, to_timestamp(t.hour_ms / 1000.0),
         substring($7::bytea FROM t.off + 1 FOR t.len), t.point_count, r.last - $3 + t.slot
    FROM reserved r,
         unnest($5::text[], $6::bigint[], $8::int[], $9::int[], $10::int[]) WITH ORDINALITY
           AS t(type, hour_ms, off, len, point_count, slot)
  ON CONFLICT (user_id, device_id, type, hour_start) DO UPDATE
    SET payload = EXCLUDED.payload, point_count = EXCLUDED.point_count,
        position = EXCLUDED.position, deleted = false, updated_at = now()),
synced AS (
  UPDATE devices d SET last_sync_at = now(), position = r.last, updated_at = now()
    FROM reserved r
   WHERE d.user_id = $1 AND d.id = $2),
queued AS (
  INSERT INTO rollup_queue (user_id, type, local_day, since_position)
  SELECT $1::uuid, q.type, q.local_day, r.last
    FROM reserved r, unnest($11::text[], $12::date[]) AS q(type, local_day)
  ON CONFLICT (user_id, type, local_day) DO NOTHING)
SELECT r.last, pg_notify($13, $14),
       CASE WHEN cardinality($11::text[]) > 0 THEN pg_notify($15, '') END
  FROM reserved r`;

/** The `publishChange` payload (notify.ts parses it back). */
function changePayload(userId: string, collections: readonly ReplicatedCollection[]): string {
  return JSON.stringify({ u: userId, c: collections });
}

/**
 * Writes a fold's rows for one device in one round trip if the user's change counter is still
 * `changeSeq`; returns false, having written nothing, if another writer got in first.
 */
export async function writeFold(db: Queryable, w: FoldWrite): Promise<boolean> {
  const offsets: number[] = [];
  let offset = 0;
  for (const s of w.series) {
    offsets.push(offset);
    offset += s.payload.length;
  }
  const collections: ReplicatedCollection[] =
    w.series.length > 0 ? ['series', 'devices'] : ['devices'];
  const res = await db.query({
    name: 'hearth-fold-write',
    text: WRITE_SQL,
    values: [
      w.userId,
      w.deviceId,
      w.series.length + 1,
      w.changeSeq,
      w.series.map((s) => s.type),
      w.series.map((s) => s.hourStart),
      Buffer.concat(w.series.map((s) => s.payload)),
      offsets,
      w.series.map((s) => s.payload.length),
      w.series.map((s) => s.pointCount),
      w.dirtyDays.map((d) => d.type),
      w.dirtyDays.map((d) => d.localDay),
      CHANNELS.changes,
      changePayload(w.userId, collections),
      CHANNELS.rollupWork,
    ],
  });
  return res.rows.length > 0;
}
