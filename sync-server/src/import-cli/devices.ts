import type { Device } from '@hearth/schema';
import { sourceKey, type ImportSource } from '@hearth/core/import';
import type { HearthApi } from './api-client.js';

/**
 * One Hearth device per source of the export: an existing device whose name folds to the same
 * key (a previous import, or the person's own device of that name) is reused, so importing again
 * or importing a later export lands on the same device; otherwise one is created, with the kind
 * the reader guessed. Created on first use, so a source with no kept sample creates nothing.
 */
export class DeviceDirectory {
  readonly #api: Pick<HearthApi, 'createDevice'>;
  readonly #byKey = new Map<string, Promise<Device>>();

  constructor(api: Pick<HearthApi, 'createDevice'>, existing: readonly Device[]) {
    this.#api = api;
    // The oldest device of a name wins, whatever order the server listed them in.
    const oldestFirst = [...existing].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const device of oldestFirst) {
      const key = sourceKey(device.name);
      if (!this.#byKey.has(key)) this.#byKey.set(key, Promise.resolve(device));
    }
  }

  resolve(source: ImportSource): Promise<Device> {
    const key = sourceKey(source.name);
    let device = this.#byKey.get(key);
    if (!device) {
      device = this.#api.createDevice({ name: deviceName(source.name), kind: source.kind });
      this.#byKey.set(key, device);
    }
    return device;
  }
}

/** Device names are 1-100 characters (schema/src/devices.ts). */
function deviceName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return 'Imported source';
  return [...trimmed].slice(0, 100).join('');
}
