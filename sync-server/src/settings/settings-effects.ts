import type { Goals, Settings } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import { updateUserTimeZone } from '../accounts/users.repository.js';
import { enqueueAllSeriesDays } from '../rollups/rollup-queue.repository.js';
import { tombstoneAllRollups } from '../rollups/rollups.repository.js';

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameGoals(a: Goals, b: Goals): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Goals>;
  return [...keys].every((key) => a[key] === b[key]);
}

/**
 * What a settings change sets in motion, inside the caller's transaction (the REST update and a
 * replication push both run it, each in its own atomic write). A new zone moves every bucket
 * boundary: all rollups are tombstoned and every day with data is recomputed. A new priority
 * changes deduplication, new goals change goal-streak insights: every day is recomputed.
 * Returns whether rollups were tombstoned.
 */
export async function applySettingsSideEffects(
  db: Queryable,
  userId: string,
  before: Settings,
  after: Settings,
): Promise<boolean> {
  const zoneChanged = after.timeZone !== before.timeZone;
  const priorityChanged = !sameOrder(after.sourcePriority, before.sourcePriority);
  const goalsChanged = !sameGoals(after.goals, before.goals);
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
