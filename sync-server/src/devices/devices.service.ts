import { randomUUID } from 'node:crypto';
import type { CreateDevice, CreateDeviceResponse, Device } from '@hearth/schema';
import { AppError } from '../errors.js';
import { withTransaction, type Pool } from '../db/pool.js';
import { allocatePositions } from '../db/positions.js';
import { hashToken, newSecretToken } from '../crypto/tokens.js';
import { publishChange, publishDeviceRevoked } from '../notify.js';
import { insertDevice, listDevices, tombstoneDevice } from './devices.repository.js';

/** Device tokens carry a recognisable prefix so a leaked one is easy to spot and revoke. */
const DEVICE_TOKEN_PREFIX = 'hdt_';

export function getDevices(pool: Pool, userId: string): Promise<Device[]> {
  return listDevices(pool, userId);
}

/** Creates a device; its bearer token is returned here once and stored only as a hash. */
export async function createDevice(
  pool: Pool,
  userId: string,
  input: CreateDevice,
): Promise<CreateDeviceResponse> {
  const token = newSecretToken(DEVICE_TOKEN_PREFIX);
  const device = await withTransaction(pool, async (client) => {
    const position = await allocatePositions(client, userId, 1);
    const row = await insertDevice(
      client,
      userId,
      { id: randomUUID(), name: input.name, kind: input.kind, tokenHash: hashToken(token) },
      position,
    );
    await publishChange(client, userId, ['devices']);
    return row;
  });
  return { ...device, token };
}

/**
 * Tombstones the device and revokes its token. Its samples stay: they are the person's history,
 * and still rank by the device's kind in deduplication.
 */
export async function deleteDevice(pool: Pool, userId: string, deviceId: string): Promise<void> {
  await withTransaction(pool, async (client) => {
    const position = await allocatePositions(client, userId, 1);
    const deleted = await tombstoneDevice(client, userId, deviceId, position);
    if (!deleted) throw new AppError('not-found', 'No such device');
    await publishChange(client, userId, ['devices']);
    await publishDeviceRevoked(client, userId);
  });
}
