import type { DeviceSyncResponse } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import { openJson, rowAad, sealJson } from '../crypto/envelope.js';

/** How long a replayed key still returns its stored response. */
export const IDEMPOTENCY_TTL_HOURS = 24;

// Stored sealed: error details quote the offending input, which can be health data.
const aad = (userId: string, deviceId: string, key: string) =>
  rowAad('idempotency', userId, deviceId, key);

export async function findStoredResponse(
  db: Queryable,
  dataKey: Buffer,
  userId: string,
  deviceId: string,
  key: string,
): Promise<DeviceSyncResponse | null> {
  const res = await db.query<{ response: Buffer }>(
    `SELECT response FROM idempotency_keys
      WHERE user_id = $1 AND device_id = $2 AND key = $3
        AND created_at > now() - make_interval(hours => $4)`,
    [userId, deviceId, key, IDEMPOTENCY_TTL_HOURS],
  );
  const row = res.rows[0];
  return row
    ? (openJson(dataKey, row.response, aad(userId, deviceId, key)) as DeviceSyncResponse)
    : null;
}

export async function storeResponse(
  db: Queryable,
  dataKey: Buffer,
  userId: string,
  deviceId: string,
  key: string,
  response: DeviceSyncResponse,
): Promise<void> {
  await db.query(
    `INSERT INTO idempotency_keys (user_id, device_id, key, response) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, device_id, key) DO UPDATE
       SET response = EXCLUDED.response, created_at = now()
       WHERE idempotency_keys.created_at <= now() - make_interval(hours => $5)`,
    [
      userId,
      deviceId,
      key,
      sealJson(dataKey, response, aad(userId, deviceId, key)),
      IDEMPOTENCY_TTL_HOURS,
    ],
  );
}

export async function purgeExpiredIdempotencyKeys(db: Queryable): Promise<number> {
  const res = await db.query(
    'DELETE FROM idempotency_keys WHERE created_at <= now() - make_interval(hours => $1)',
    [IDEMPOTENCY_TTL_HOURS],
  );
  return res.rowCount ?? 0;
}
