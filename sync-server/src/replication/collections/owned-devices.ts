import { AppError } from '../../errors.js';
import type { Queryable } from '../../db/pool.js';

/**
 * Every device id must be one of the user's devices (live or tombstoned: samples recorded
 * offline before a device was removed elsewhere are still the person's history). Ids of other
 * users' devices are unknown here, exactly like ids that exist nowhere (SPEC R5).
 */
export async function assertDevicesOwned(
  db: Queryable,
  userId: string,
  deviceIds: readonly string[],
): Promise<void> {
  const wanted = [...new Set(deviceIds)];
  if (wanted.length === 0) return;
  const res = await db.query<{ id: string }>(
    'SELECT id FROM devices WHERE user_id = $1 AND id = ANY($2::text[])',
    [userId, wanted],
  );
  const owned = new Set(res.rows.map((r) => r.id));
  const unknown = wanted.filter((id) => !owned.has(id));
  if (unknown.length > 0) {
    throw new AppError('not-found', 'No such device: push the device before its series', {
      deviceIds: unknown,
    });
  }
}
