import { randomUUID } from 'node:crypto';
import { guessDeviceKind, sourceKey } from '@hearth/core/import';
import type { DeviceKind } from '@hearth/schema';
import { withTransaction, type Pool } from '../../db/pool.js';
import { allocatePositions, lockUserWrites } from '../../db/positions.js';
import { insertDevice, listDevices } from '../../devices/devices.repository.js';
import { publishChange } from '../../notify.js';

/** New per-source devices one post may create; further sources' points stay with the caller. */
export const MAX_NEW_SOURCE_DEVICES = 16;

const MAX_DEVICE_NAME = 100;

export interface SourceDevice {
  id: string;
  name: string;
  kind: DeviceKind;
}

/**
 * The user's device for each source name: the live device whose name is the same source
 * (`sourceKey`: apostrophe and spacing variants folded), or a new one named after it, its kind
 * guessed from the name (so a watch outranks a phone in deduplication). The Apple Health import
 * names its devices the same way, so HAE's watch points and an imported export's watch records
 * land on one device. New devices have no token: only their owner's session could write to them
 * directly. Creation holds the user's write lock and looks again under it, so two posts at once
 * never create the same source twice.
 */
export async function resolveSourceDevices(
  pool: Pool,
  userId: string,
  names: readonly string[],
): Promise<Map<string, SourceDevice>> {
  const wanted = new Map<string, string>();
  for (const name of names) {
    const key = sourceKey(name);
    if (key !== '' && !wanted.has(key)) wanted.set(key, name);
  }
  const found = byKey(await listDevices(pool, userId), wanted);
  if (found.size === wanted.size) return found;
  return withTransaction(pool, async (client) => {
    await lockUserWrites(client, userId);
    const live = byKey(await listDevices(client, userId), wanted);
    const missing = [...wanted].filter(([key]) => !live.has(key)).slice(0, MAX_NEW_SOURCE_DEVICES);
    if (missing.length === 0) return live;
    const first = await allocatePositions(client, userId, missing.length);
    for (const [i, [key, name]] of missing.entries()) {
      const trimmed = name.trim().slice(0, MAX_DEVICE_NAME);
      const row = await insertDevice(
        client,
        userId,
        { id: randomUUID(), name: trimmed, kind: guessDeviceKind(trimmed), tokenHash: null },
        first + i,
      );
      live.set(key, { id: row.id, name: row.name, kind: row.kind });
    }
    await publishChange(client, userId, ['devices']);
    return live;
  });
}

function byKey(
  devices: ReadonlyArray<SourceDevice>,
  wanted: ReadonlyMap<string, string>,
): Map<string, SourceDevice> {
  const found = new Map<string, SourceDevice>();
  for (const d of devices) {
    const key = sourceKey(d.name);
    // The oldest device of a name wins (listDevices is oldest first).
    if (wanted.has(key) && !found.has(key))
      found.set(key, { id: d.id, name: d.name, kind: d.kind });
  }
  return found;
}
