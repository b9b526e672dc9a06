import type { NotifyHub } from '../notify.js';
import { TokenCache } from '../accounts/token-cache.js';

export interface TokenDevice {
  userId: string;
  deviceId: string;
}

/**
 * Devices resolved from their bearer tokens, by the token's hash: a watch syncing every few
 * seconds then authenticates without a database round trip. Dropped for a user when any instance
 * deletes one of the user's devices, or erases the user. Even a stale entry cannot store
 * anything: the ingest write checks, in its own statement, that the device is still there.
 */
export class DeviceTokenCache extends TokenCache<TokenDevice> {
  constructor(hub: NotifyHub | undefined, options: { ttlMs?: number; maxEntries?: number } = {}) {
    super(hub, (device) => device.userId, options);
    if (hub) this.watch([hub.onDeviceRevoked((userId) => this.forgetUser(userId))]);
  }
}
