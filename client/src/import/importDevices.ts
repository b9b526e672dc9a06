import { sourceKey, type ImportSource } from '@hearth/core/import';
import { filter, firstValueFrom, map, race, timer } from 'rxjs';
import { PENDING_UPDATED_AT, type DeviceRow, type HearthDatabase } from '../db/types.js';

export type DeviceOptions = {
  now: () => number;
  /** A new device id (1–64 of `[A-Za-z0-9_-]`, sync-server/SPEC.md R10). */
  newId: () => string;
};

/** Device names are 1–100 characters (sync-server/SPEC.md R10). */
function deviceName(name: string): string {
  const trimmed = name.trim().slice(0, 100).trim();
  return trimmed || 'Imported source';
}

/**
 * Maps each source of an export to a device of the account: the existing device whose name has
 * the same `sourceKey` (so a re-import, or a later export, writes into the same devices and
 * series), or a new one. A new device is a document written into the local replica and pushed
 * by replication like any other change (the server lets a client create a device without a
 * token, sync-server/SPEC.md R10), so an import made offline needs no network at all.
 *
 * `ids[i]` is the device of `sources[i]`; sources already mapped are left alone.
 * Returns the devices created.
 */
export async function mapSourcesToDevices(
  db: HearthDatabase,
  sources: readonly ImportSource[],
  ids: string[],
  options: DeviceOptions,
): Promise<DeviceRow[]> {
  if (ids.length >= sources.length) return [];
  const existing = await db.devices.find().exec();
  const byKey = new Map(existing.map((d) => [sourceKey(d.name), d.id]));
  const created: DeviceRow[] = [];
  for (let i = ids.length; i < sources.length; i++) {
    const source = sources[i]!;
    let id = byKey.get(source.key);
    if (!id) {
      const row: DeviceRow = {
        id: options.newId(),
        name: deviceName(source.name),
        kind: source.kind,
        lastSyncAt: null,
        // Strictly increasing within an import: devices made together keep their order.
        createdAt: new Date(options.now() + created.length).toISOString(),
        updatedAt: PENDING_UPDATED_AT,
      };
      await db.devices.insert(row);
      created.push(row);
      byKey.set(source.key, row.id);
      id = row.id;
    }
    ids.push(id);
  }
  return created;
}

/**
 * Waits (at most `timeoutMs`) until the server's state of these devices has come back, i.e. they
 * are uploaded. The server refuses series of a device it does not know yet ("push the device
 * before its series"); waiting while online saves a refused push and its retry. Offline, or if
 * the server is slow, the series are written anyway: replication retries them once the device is
 * there.
 */
export async function awaitDevicesUploaded(
  db: HearthDatabase,
  ids: readonly string[],
  timeoutMs: number,
): Promise<boolean> {
  if (ids.length === 0) return true;
  const uploaded$ = db.devices.findByIds([...ids]).$.pipe(
    map((found) =>
      ids.every((id) => {
        const doc = found.get(id);
        return doc !== undefined && doc.updatedAt !== PENDING_UPDATED_AT;
      }),
    ),
    filter(Boolean),
  );
  return firstValueFrom(race(uploaded$, timer(timeoutMs).pipe(map(() => false))));
}
