import { defaultPreferences } from '@hearth/schema';
import type { MigrationStrategies } from 'rxdb';
import { rxSchemaFor, type IndexBounds } from './rx-schema.js';
import type {
  DeviceRow,
  FreshnessRow,
  InsightRow,
  RollupRow,
  SeriesRow,
  SettingsRow,
} from './types.js';

// Each collection's document is its zod schema in @hearth/schema (rx-schema.ts); only RxDB's
// keys are written here. Indexed fields are bounded as RxDB's Dexie storage needs: strings by
// `maxLength`, numbers by range and step. Epoch milliseconds are bounded to 1970–2200.
const EPOCH_MS: IndexBounds = { minimum: 0, maximum: 7_258_118_400_000, multipleOf: 1 };
const UPDATED_AT: IndexBounds = { maxLength: 40 };
const TYPE: IndexBounds = { maxLength: 32 };

/**
 * Every version after the schemas were derived from @hearth/schema changes no document: the
 * derived JSON says more than the hand-written one did (enums, tuples, required nested fields),
 * so RxDB, which keys a stored collection by its schema's hash, needs a new version to open a
 * replica created before. RxDB copies the documents and keeps the replication checkpoints.
 */
const unchanged = <T>(doc: T): T => doc;

export const seriesSchema = rxSchemaFor<SeriesRow>('series', {
  description: 'The samples of one device, one type, one UTC hour: [startMs, endMs, value] points',
  version: 1,
  primaryKey: 'id',
  bounds: {
    id: { maxLength: 200 },
    deviceId: { maxLength: 100 },
    type: TYPE,
    hourStart: EPOCH_MS,
    updatedAt: UPDATED_AT,
  },
  indexes: [['type', 'hourStart'], 'updatedAt'],
});
export const seriesMigrationStrategies: MigrationStrategies = { 1: unchanged };

export const rollupSchema = rxSchemaFor<RollupRow>('rollups', {
  description: 'Canonical day, week and month rollups computed by the server (read-only here)',
  version: 1,
  primaryKey: 'id',
  bounds: {
    id: { maxLength: 120 },
    type: TYPE,
    period: { maxLength: 8 },
    startMs: EPOCH_MS,
    updatedAt: UPDATED_AT,
  },
  indexes: [
    ['period', 'type', 'startMs'],
    ['period', 'startMs'],
  ],
});
export const rollupMigrationStrategies: MigrationStrategies = { 1: unchanged };

export const deviceSchema = rxSchemaFor<DeviceRow>('devices', {
  description: 'The devices of the user: name, kind and last sync',
  version: 1,
  primaryKey: 'id',
  bounds: { id: { maxLength: 100 }, updatedAt: UPDATED_AT },
  indexes: ['updatedAt'],
});
export const deviceMigrationStrategies: MigrationStrategies = { 1: unchanged };

export const settingsSchema = rxSchemaFor<SettingsRow>('settings', {
  description:
    'The one settings document of the user: time zone, goals, source priority, preferences',
  version: 2,
  primaryKey: 'id',
  bounds: { id: { maxLength: 20 }, updatedAt: UPDATED_AT },
  indexes: ['updatedAt'],
});

/**
 * Version 1 added `preferences`. A document stored before reads as the defaults, as the server
 * reads a row without them; the next pull brings the server's own.
 */
export const settingsMigrationStrategies: MigrationStrategies = {
  1: (doc: Omit<SettingsRow, 'preferences'>): SettingsRow => ({
    ...doc,
    preferences: defaultPreferences(),
  }),
  2: unchanged,
};

export const insightSchema = rxSchemaFor<InsightRow>('insights', {
  description: 'Insights computed by the server; acknowledging is the only client write',
  version: 1,
  primaryKey: 'id',
  bounds: { id: { maxLength: 200 }, date: { maxLength: 10 }, updatedAt: UPDATED_AT },
  indexes: ['date', 'updatedAt'],
});
export const insightMigrationStrategies: MigrationStrategies = { 1: unchanged };

export const freshnessSchema = rxSchemaFor<FreshnessRow>('freshness', {
  description: 'How far the server rolled up: every change at or below rolledUpTo is included',
  version: 1,
  primaryKey: 'id',
  bounds: { id: { maxLength: 20 } },
});
export const freshnessMigrationStrategies: MigrationStrategies = { 1: unchanged };
