import type { Queryable } from '../db/pool.js';
import type { DeviceKind } from '@hearth/schema';

/** The live device a bearer token belongs to, or null (unknown or revoked). */
export async function findDeviceByTokenHash(
  db: Queryable,
  tokenHash: Buffer,
): Promise<{ userId: string; deviceId: string } | null> {
  const res = await db.query<{ user_id: string; id: string }>(
    `SELECT d.user_id, d.id FROM devices d JOIN users u ON u.id = d.user_id
      WHERE d.token_hash = $1 AND NOT d.deleted AND u.erased_at IS NULL`,
    [tokenHash],
  );
  const row = res.rows[0];
  return row ? { userId: row.user_id, deviceId: row.id } : null;
}

export interface DeviceRow {
  id: string;
  name: string;
  kind: DeviceKind;
  lastSyncAt: string | null;
  createdAt: string;
}

interface DbDevice {
  id: string;
  name: string;
  kind: DeviceKind;
  last_sync_at: Date | null;
  created_at: Date;
}

const DEVICE_COLUMNS = 'id, name, kind, last_sync_at, created_at';

function toDeviceRow(r: DbDevice): DeviceRow {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    lastSyncAt: r.last_sync_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  };
}

export interface NewDevice {
  id: string;
  name: string;
  kind: DeviceKind;
  tokenHash: Buffer | null;
}

export async function insertDevice(
  db: Queryable,
  userId: string,
  device: NewDevice,
  position: number,
): Promise<DeviceRow> {
  const res = await db.query<DbDevice>(
    `INSERT INTO devices (user_id, id, name, kind, token_hash, position)
     VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING ${DEVICE_COLUMNS}`,
    [userId, device.id, device.name, device.kind, device.tokenHash, position],
  );
  return toDeviceRow(res.rows[0] as DbDevice);
}

/** The user's live devices, oldest first. */
export async function listDevices(db: Queryable, userId: string): Promise<DeviceRow[]> {
  const res = await db.query<DbDevice>(
    `SELECT ${DEVICE_COLUMNS} FROM devices WHERE user_id = $1 AND NOT deleted
      ORDER BY created_at, id`,
    [userId],
  );
  return res.rows.map(toDeviceRow);
}

/** Whether the user owns a live device with this id. */
export async function deviceIsLive(
  db: Queryable,
  userId: string,
  deviceId: string,
): Promise<boolean> {
  const res = await db.query(
    'SELECT 1 FROM devices WHERE user_id = $1 AND id = $2 AND NOT deleted',
    [userId, deviceId],
  );
  return res.rowCount === 1;
}

/** Tombstones the device and revokes its token; false if the user has no such live device. */
export async function tombstoneDevice(
  db: Queryable,
  userId: string,
  deviceId: string,
  position: number,
): Promise<boolean> {
  const res = await db.query(
    `UPDATE devices SET deleted = true, token_hash = NULL, position = $3, updated_at = now()
      WHERE user_id = $1 AND id = $2 AND NOT deleted`,
    [userId, deviceId, position],
  );
  return res.rowCount === 1;
}

export async function markDeviceSynced(
  db: Queryable,
  userId: string,
  deviceId: string,
  position: number,
): Promise<void> {
  await db.query(
    `UPDATE devices SET last_sync_at = now(), position = $3, updated_at = now()
      WHERE user_id = $1 AND id = $2`,
    [userId, deviceId, position],
  );
}

/**
 * Every device the user ever had, deleted ones included: their samples stay, and still need a
 * rank in deduplication.
 */
export async function listDevicesForPriority(
  db: Queryable,
  userId: string,
): Promise<Array<{ id: string; kind: DeviceKind; createdAt: string }>> {
  const res = await db.query<{ id: string; kind: DeviceKind; created_at: Date }>(
    'SELECT id, kind, created_at FROM devices WHERE user_id = $1',
    [userId],
  );
  return res.rows.map((r) => ({ id: r.id, kind: r.kind, createdAt: r.created_at.toISOString() }));
}
