import { addRxPlugin, createRxDatabase, type RxStorage } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { conflictHandlerFor, seriesConflictHandler } from '../sync/conflicts.js';
import {
  deviceMigrationStrategies,
  deviceSchema,
  freshnessMigrationStrategies,
  freshnessSchema,
  insightMigrationStrategies,
  insightSchema,
  rollupMigrationStrategies,
  rollupSchema,
  seriesMigrationStrategies,
  seriesSchema,
  settingsMigrationStrategies,
  settingsSchema,
} from './collections.js';
import type { HearthCollections, HearthDatabase } from './types.js';

addRxPlugin(RxDBLeaderElectionPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

export type DatabaseOptions = {
  /** One local database per account, so two people on one browser never see each other's data. */
  name: string;
  /** The free Dexie (IndexedDB) storage by default; tests pass another. */
  storage?: RxStorage<unknown, unknown>;
  /** Several tabs share the database and elect one leader to replicate. */
  multiInstance?: boolean;
};

/** A valid RxDB database name for an account id (lowercase letters, digits, `_`, `-`). */
export function databaseNameFor(userId: string): string {
  return `hearth-${userId.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}`;
}

export async function createHearthDatabase(options: DatabaseOptions): Promise<HearthDatabase> {
  const db = await createRxDatabase<HearthCollections>({
    name: options.name,
    storage: options.storage ?? getRxStorageDexie(),
    multiInstance: options.multiInstance ?? true,
    eventReduce: true,
    closeDuplicates: true,
  });
  await db.addCollections({
    series: {
      schema: seriesSchema,
      migrationStrategies: seriesMigrationStrategies,
      conflictHandler: seriesConflictHandler,
    },
    rollups: { schema: rollupSchema, migrationStrategies: rollupMigrationStrategies },
    devices: {
      schema: deviceSchema,
      migrationStrategies: deviceMigrationStrategies,
      conflictHandler: conflictHandlerFor('devices'),
    },
    settings: {
      schema: settingsSchema,
      migrationStrategies: settingsMigrationStrategies,
      conflictHandler: conflictHandlerFor('settings'),
    },
    insights: {
      schema: insightSchema,
      migrationStrategies: insightMigrationStrategies,
      conflictHandler: conflictHandlerFor('insights'),
    },
    freshness: { schema: freshnessSchema, migrationStrategies: freshnessMigrationStrategies },
  });
  return db;
}

function deleteIndexedDb(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    // Blocked means another tab still has it open: its tables are already empty, move on.
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/**
 * RxDB's Dexie storage empties its tables on `remove()` but leaves the (empty) IndexedDB
 * databases, whose names carry the account id. Delete them too, so nothing of the account stays.
 */
export async function deleteLeftoverDatabases(databaseName: string): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  const prefix = `rxdb-dexie-${databaseName}--`;
  const names = (await indexedDB.databases()).map((d) => d.name ?? '');
  await Promise.all(names.filter((n) => n.startsWith(prefix)).map(deleteIndexedDb));
}
