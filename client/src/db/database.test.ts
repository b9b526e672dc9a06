import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { seriesSchema } from './collections.js';
import { createHearthDatabase } from './database.js';
import {
  deviceSchemaBefore,
  freshnessSchemaBefore,
  insightSchemaBefore,
  rollupSchemaBefore,
  seriesSchemaBefore,
  settingsSchemaBefore,
} from './schemas-before-derivation.test-helpers.js';
import type { SettingsRow } from './types.js';

/** The settings schema as replicas stored it before preferences existed. */
const { preferences: _added, ...propertiesV0 } = settingsSchemaBefore.properties;
const settingsSchemaV0: RxJsonSchema<Omit<SettingsRow, 'preferences'>> = {
  title: 'settings',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: propertiesV0,
  required: ['id', 'timeZone', 'goals', 'sourcePriority', 'updatedAt'],
  indexes: ['updatedAt'],
};

const UPDATED = '2026-01-01T00:00:00.000Z';

/** One document of each collection, as a replica of the previous schemas held them. */
const storedBefore = {
  series: {
    id: 'watch|STEPS|1767225600000',
    deviceId: 'watch',
    type: 'STEPS',
    hourStart: 1_767_225_600_000,
    points: [[1_767_225_600_000, 1_767_225_660_000, 12]],
    updatedAt: UPDATED,
  },
  rollups: {
    id: 'STEPS|day|2026-01-01T00:00:00+01:00',
    type: 'STEPS',
    period: 'day',
    periodStart: '2026-01-01T00:00:00+01:00',
    startMs: 1_767_222_000_000,
    value: 12,
    sampleCount: 1,
    updatedAt: UPDATED,
  },
  devices: {
    id: 'watch',
    name: 'Watch',
    kind: 'apple_watch',
    lastSyncAt: null,
    createdAt: UPDATED,
    updatedAt: UPDATED,
  },
  settings: {
    id: 'settings',
    timeZone: 'Europe/Oslo',
    goals: { STEPS: 7000 },
    sourcePriority: ['watch'],
    preferences: {
      displayUnits: { WEIGHT: 'st' },
      hourCycle: 'h23',
      dashboard: { order: [], hidden: ['STEPS'] },
    },
    updatedAt: UPDATED,
  },
  insights: {
    id: 'i1',
    type: 'trend',
    subject: 'STEPS',
    date: '2026-01-01',
    severity: 'low',
    direction: 'increasing',
    message: 'More steps',
    data: { change: 0.2 },
    acknowledged: false,
    createdAt: UPDATED,
    updatedAt: UPDATED,
  },
  freshness: { id: 'rollups', rolledUpTo: 42 },
};

const schemasBefore = {
  series: seriesSchemaBefore,
  rollups: rollupSchemaBefore,
  devices: deviceSchemaBefore,
  settings: settingsSchemaBefore,
  insights: insightSchemaBefore,
  freshness: freshnessSchemaBefore,
};

async function createReplicaBefore(name: string, storage: ReturnType<typeof getRxStorageMemory>) {
  const old = await createRxDatabase({ name, storage, multiInstance: false });
  await old.addCollections(
    Object.fromEntries(Object.entries(schemasBefore).map(([c, schema]) => [c, { schema }])),
  );
  for (const [collection, doc] of Object.entries(storedBefore)) {
    await old.collections[collection]!.insert(doc);
  }
  await old.close();
}

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

  it('opens a replica created with the hand-written schemas, every document unchanged', async () => {
    const storage = getRxStorageMemory();
    const name = 'hearth-derived-schemas-test';
    await createReplicaBefore(name, storage);

    const db = await createHearthDatabase({ name, storage, multiInstance: false });
    for (const [collection, doc] of Object.entries(storedBefore)) {
      const stored = await db.collections[collection as keyof typeof storedBefore]
        .findOne(doc.id)
        .exec();
      expect(stored?.toJSON(), collection).toEqual(doc);
    }
    await db.remove();
  });

  it('needs the new versions: the derived schema under the old one is refused (RxDB DB6)', async () => {
    const storage = getRxStorageMemory();
    const name = 'hearth-schema-hash-test';
    await createReplicaBefore(name, storage);

    const db = await createRxDatabase({ name, storage, multiInstance: false });
    await expect(
      db.addCollections({ series: { schema: { ...seriesSchema, version: 0 } } }),
    ).rejects.toMatchObject({ code: 'DB6' });
    await db.remove();
  });
});
