import type { Settings, UpdateSettings } from '@hearth/schema';
import { AppError } from '../errors.js';
import { withTransaction, type Pool } from '../db/pool.js';
import { allocatePositions } from '../db/positions.js';
import { publishChange } from '../notify.js';
import { listDevices } from '../devices/devices.repository.js';
import { updateUserTimeZone } from '../accounts/users.repository.js';
import { enqueueAllSeriesDays } from '../rollups/rollup-queue.repository.js';
import { tombstoneAllRollups } from '../rollups/rollups.repository.js';
import { getSettings as readSettings, writeSettings } from './settings.repository.js';

export async function getSettings(pool: Pool, userId: string): Promise<Settings> {
  const settings = await readSettings(pool, userId);
  if (!settings) throw new AppError('not-found', 'No settings for this user');
  return settings;
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Applies a partial update. The priority list keeps only the user's live devices, each once.
 * A new zone changes every bucket's boundaries: all rollups are tombstoned and every day with
 * data is recomputed. A new priority changes deduplication: every day is recomputed.
 */
export async function updateSettings(
  pool: Pool,
  userId: string,
  patch: UpdateSettings,
): Promise<Settings> {
  return withTransaction(pool, async (client) => {
    const position = await allocatePositions(client, userId, 1);
    const current = await readSettings(client, userId, true);
    if (!current) throw new AppError('not-found', 'No settings for this user');
    const liveIds = new Set((await listDevices(client, userId)).map((d) => d.id));
    const next: Settings = {
      timeZone: patch.timeZone ?? current.timeZone,
      goals: patch.goals ?? current.goals,
      sourcePriority: [...new Set(patch.sourcePriority ?? current.sourcePriority)].filter((id) =>
        liveIds.has(id),
      ),
    };
    await writeSettings(client, userId, next, position);
    const zoneChanged = next.timeZone !== current.timeZone;
    const priorityChanged = !sameOrder(next.sourcePriority, current.sourcePriority);
    const goalsChanged = JSON.stringify(next.goals) !== JSON.stringify(current.goals);
    const collections: Array<'settings' | 'rollups'> = ['settings'];
    if (zoneChanged) {
      await updateUserTimeZone(client, userId, next.timeZone);
      if ((await tombstoneAllRollups(client, userId)) > 0) collections.push('rollups');
    }
    // Goals feed goal-streak insights: recompute too (cheap, and keeps insights honest).
    if (zoneChanged || priorityChanged || goalsChanged) {
      await enqueueAllSeriesDays(client, userId, next.timeZone);
    }
    await publishChange(client, userId, collections);
    return next;
  });
}
