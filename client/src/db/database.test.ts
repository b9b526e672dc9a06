import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { settingsSchema } from './collections.js';
import { createHearthDatabase } from './database.js';
import type { SettingsRow } from './types.js';

/** The settings schema as replicas stored it before preferences existed. */
const { preferences: _added, ...propertiesV0 } = settingsSchema.properties;
const settingsSchemaV0: RxJsonSchema<Omit<SettingsRow, 'preferences'>> = {
  title: 'settings',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: propertiesV0,
  required: ['id', 'timeZone', 'goals', 'sourcePriority', 'updatedAt'],
  indexes: ['updatedAt'],
};

describe('createHearthDatabase', () => {
  it('migrates a settings document stored before preferences to the defaults, keeping the rest', async () => {
    const storage = getRxStorageMemory();
    const name = 'hearth-migration-test';
    const old = await createRxDatabase({ name, storage, multiInstance: false });
    await old.addCollections({ settings: { schema: settingsSchemaV0 } });
    await old.collections.settings!.insert({
      id: 'settings',
      timeZone: 'Europe/Oslo',
      goals: { STEPS: 7000 },
      sourcePriority: ['watch'],
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    await old.close();

    const db = await createHearthDatabase({ name, storage, multiInstance: false });
    const doc = (await db.settings.findOne('settings').exec())?.toJSON();
    expect(doc).toMatchObject({
      timeZone: 'Europe/Oslo',
      goals: { STEPS: 7000 },
      sourcePriority: ['watch'],
      preferences: { displayUnits: {}, dashboard: { order: [], hidden: [] } },
    });
    await db.remove();
  });
});
