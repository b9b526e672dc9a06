import type { Settings, UpdateSettings } from '@hearth/schema';
import { AppError } from '../errors.js';
import { withTransaction, type Pool } from '../db/pool.js';
import { allocatePositions } from '../db/positions.js';
import type { Keyring } from '../crypto/keyring.js';
import { publishChange } from '../notify.js';
import { listDevices } from '../devices/devices.repository.js';
import { applySettingsSideEffects } from './settings-effects.js';
import { getSettings as readSettings, writeSettings } from './settings.repository.js';

export async function getSettings(pool: Pool, keyring: Keyring, userId: string): Promise<Settings> {
  const settings = await readSettings(pool, userId, await keyring.getUserKey(pool, userId));
  if (!settings) throw new AppError('not-found', 'No settings for this user');
  return settings;
}

/**
 * Applies a partial update. The priority list keeps only the user's live devices, each once.
 * The recomputation it sets in motion is `applySettingsSideEffects`.
 */
export async function updateSettings(
  pool: Pool,
  keyring: Keyring,
  userId: string,
  patch: UpdateSettings,
): Promise<Settings> {
  return withTransaction(pool, async (client) => {
    const position = await allocatePositions(client, userId, 1);
    const dataKey = await keyring.getUserKey(client, userId);
    const current = await readSettings(client, userId, dataKey, true);
    if (!current) throw new AppError('not-found', 'No settings for this user');
    const liveIds = new Set((await listDevices(client, userId)).map((d) => d.id));
    const next: Settings = {
      timeZone: patch.timeZone ?? current.timeZone,
      goals: patch.goals ?? current.goals,
      sourcePriority: [...new Set(patch.sourcePriority ?? current.sourcePriority)].filter((id) =>
        liveIds.has(id),
      ),
      preferences: patch.preferences ?? current.preferences,
    };
    await writeSettings(client, userId, next, position, dataKey);
    const collections: Array<'settings' | 'rollups'> = ['settings'];
    if (await applySettingsSideEffects(client, userId, current, next)) collections.push('rollups');
    await publishChange(client, userId, collections);
    return next;
  });
}
