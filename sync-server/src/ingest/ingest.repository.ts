import type { PoolClient } from '../db/pool.js';

export interface IngestTarget {
  timeZone: string;
  deviceLive: boolean;
}

/**
 * Opens an ingest transaction in one round trip: takes the user's write lock (the same row lock
 * `allocatePositions` takes, so the user's writers take turns until COMMIT), and reads what the
 * ingest needs to know: the user's zone and whether the device is theirs and live.
 * Null for an unknown or erased user.
 */
export async function lockIngestTarget(
  client: PoolClient,
  userId: string,
  deviceId: string,
): Promise<IngestTarget | null> {
  const res = await client.query<{ time_zone: string; device_live: boolean }>(
    `SELECT s.time_zone,
            EXISTS (SELECT 1 FROM devices d
                     WHERE d.user_id = u.id AND d.id = $2 AND NOT d.deleted) AS device_live
       FROM users u JOIN settings s ON s.user_id = u.id
      WHERE u.id = $1 AND u.erased_at IS NULL
        FOR NO KEY UPDATE OF u`,
    [userId, deviceId],
  );
  const row = res.rows[0];
  return row ? { timeZone: row.time_zone, deviceLive: row.device_live } : null;
}
