import type { Settings } from '@hearth/schema';
import type { Queryable } from '../../db/pool.js';
import { updateUserTimeZone } from '../../accounts/users.repository.js';
import { enqueueAllSeriesDays } from '../../rollups/rollup-queue.repository.js';
import { tombstoneAllRollups } from '../../rollups/rollups.repository.js';
import { jsonEqual } from '../conflicts.js';

/**
 * What a settings change sets in motion, inside the push transaction (the same rules as the
 * settings service behind `PUT /users/me/settings`, which runs its own transaction and so cannot
 * join an atomic push). A new zone moves every bucket boundary: all rollups are tombstoned and
 * every day with data is recomputed. A new priority changes deduplication, new goals change
 * goal-streak insights: every day is recomputed. Returns whether rollups were tombstoned.
 */
export async function applySettingsSideEffects(
  db: Queryable,
  userId: string,
  before: Settings,
  after: Settings,
): Promise<boolean> {
  const zoneChanged = after.timeZone !== before.timeZone;
  const priorityChanged = !jsonEqual(after.sourcePriority, before.sourcePriority);
  const goalsChanged = !jsonEqual(after.goals, before.goals);
  let rollupsTombstoned = false;
  if (zoneChanged) {
    await updateUserTimeZone(db, userId, after.timeZone);
    rollupsTombstoned = (await tombstoneAllRollups(db, userId)) > 0;
  }
  if (zoneChanged || priorityChanged || goalsChanged) {
    await enqueueAllSeriesDays(db, userId, after.timeZone);
  }
  return rollupsTombstoned;
}
