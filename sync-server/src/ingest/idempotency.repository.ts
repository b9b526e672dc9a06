import type { DeviceSyncResponse } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import { openJson, rowAad, sealJson } from '../crypto/envelope.js';

/** How long a replayed key still returns its stored response. */
export const IDEMPOTENCY_TTL_HOURS = 24;

// Stored sealed: error details quote the offending input, which can be health data.
const aad = (userId: string, deviceId: string, key: string) =>
  rowAad('idempotency', userId, deviceId, key);

/** A response recorded for a key (read back by inbox.repository.ts in the ingest's statement). */
export function openStoredResponse(
  dataKey: Buffer,
  userId: string,
  deviceId: string,
  key: string,
  sealed: Buffer,
): DeviceSyncResponse {
  return openJson(dataKey, sealed, aad(userId, deviceId, key)) as DeviceSyncResponse;
}

/**
 * The response as stored for later replays of its key (inbox.repository.ts writes it in
 * the ingest's own statement, so the key is recorded exactly when the samples are).
 */
export function sealStoredResponse(
  dataKey: Buffer,
  userId: string,
  deviceId: string,
  key: string,
  response: DeviceSyncResponse,
): Buffer {
  return sealJson(dataKey, response, aad(userId, deviceId, key));
}

export async function purgeExpiredIdempotencyKeys(db: Queryable): Promise<number> {
  const res = await db.query(
    'DELETE FROM idempotency_keys WHERE created_at <= now() - make_interval(hours => $1)',
    [IDEMPOTENCY_TTL_HOURS],
  );
  return res.rowCount ?? 0;
}
