import { localDateOf } from '@hearth/core';
import type { Goals, HealthDataType, Settings } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import { updateUserTimeZone } from '../accounts/users.repository.js';
import { enqueueAllSeriesDays, enqueueRollupDays } from '../rollups/rollup-queue.repository.js';
import { tombstoneAllRollups } from '../rollups/rollups.repository.js';

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The types whose goal was set, changed or removed. */
function changedGoals(a: Goals, b: Goals): HealthDataType[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<HealthDataType>;
  return [...keys].filter((key) => a[key] !== b[key]);
}

/**
 * What a settings change sets in motion, inside the caller's transaction (the REST update and a
 * replication push both run it, each in its own atomic write). A new zone moves every bucket
 * boundary: all rollups are tombstoned and every day with data is recomputed. A new priority
 * changes deduplication: every day is recomputed. New goals change only goal-streak insights,
 * which every rollup job regenerates from the stored day rollups: today's day of each type whose
 * goal changed is queued, so one small job (not the user's whole history) brings them up to date.
 * Returns whether rollups were tombstoned.
 */
export async function applySettingsSideEffects(
  db: Queryable,
  userId: string,
  before: Settings,
  after: Settings,
  now = Date.now(),
): Promise<boolean> {
  const zoneChanged = after.timeZone !== before.timeZone;
  const priorityChanged = !sameOrder(after.sourcePriority, before.sourcePriority);
  const goalTypes = changedGoals(after.goals, before.goals);
  let rollupsTombstoned = false;
  if (zoneChanged) {
    await updateUserTimeZone(db, userId, after.timeZone);
    rollupsTombstoned = (await tombstoneAllRollups(db, userId)) > 0;
  }
  if (zoneChanged || priorityChanged) {
    await enqueueAllSeriesDays(db, userId, after.timeZone);
  } else if (goalTypes.length > 0) {
    const today = localDateOf(now, after.timeZone);
    await enqueueRollupDays(
      db,
      userId,
      goalTypes.map((type) => ({ type, localDay: today })),
    );
  }
  return rollupsTombstoned;
}
