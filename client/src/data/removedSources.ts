import { prepareQuery } from 'rxdb';
import { combineLatest, from, map, of, startWith, switchMap, type Observable } from 'rxjs';
import type { DeviceRow, HearthDatabase } from '../db/types.js';
import { devices$ } from './documents.js';

/**
 * The devices removed on the server whose tombstones this replica holds. A removal replicates as
 * the device document with `_deleted` set and its name, kind and registration time kept, so the
 * tombstone still says what the source was called and how it ranks. Normal RxDB queries skip
 * tombstones; the storage itself answers for them (`_deleted` leads every RxDB index).
 */
export async function removedDevices(db: HearthDatabase): Promise<DeviceRow[]> {
  const query = prepareQuery(db.devices.schema.jsonSchema, {
    selector: { _deleted: { $eq: true } },
    sort: [{ id: 'asc' }],
    skip: 0,
  });
  const { documents } = await db.devices.storageInstance.query(query);
  return documents.map(({ id, name, kind, lastSyncAt, createdAt, updatedAt }) => ({
    id,
    name,
    kind,
    lastSyncAt,
    createdAt,
    updatedAt,
  }));
}

/** Removed devices, again after every write to the devices collection (a pulled tombstone too). */
export function removedDevices$(db: HearthDatabase): Observable<DeviceRow[]> {
  return db.devices.$.pipe(
    startWith(null),
    switchMap(() => from(removedDevices(db))),
  );
}

/**
 * Whether this replica holds any series of the device. A series id starts with its device id and
 * `|` (core's `seriesId`), and `}` is the character after `|`: the primary-key range below holds
 * exactly that device's series, so one indexed read of at most one document answers.
 */
export function hasSeries$(db: HearthDatabase, deviceId: string): Observable<boolean> {
  return db.series
    .findOne({ selector: { id: { $gte: `${deviceId}|`, $lt: `${deviceId}}` } } })
    .$.pipe(map((doc) => doc !== null));
}

/** Removed devices whose data was kept and is still here: sources to rank and to delete. */
export function removedSources$(db: HearthDatabase): Observable<DeviceRow[]> {
  return removedDevices$(db).pipe(
    switchMap((removed) =>
      removed.length === 0
        ? of([])
        : combineLatest(
            removed.map((device) =>
              hasSeries$(db, device.id).pipe(map((has) => (has ? [device] : []))),
            ),
          ).pipe(map((lists) => lists.flat())),
    ),
  );
}

/**
 * Every device the replica knows, removed ones included. The server ranks the samples of a removed
 * device like any other (its `listDevicesForPriority`), so the order computed here must hold them
 * too, or figures computed on this device would rank them last and differ from the rollups.
 */
export function knownDevices$(db: HearthDatabase): Observable<DeviceRow[]> {
  return combineLatest([devices$(db), removedDevices$(db)]).pipe(
    map(([live, removed]) => [...live, ...removed.filter((r) => !live.some((d) => d.id === r.id))]),
  );
}
