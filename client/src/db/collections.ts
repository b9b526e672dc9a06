import { defaultPreferences } from '@hearth/schema';
import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type {
  DeviceRow,
  FreshnessRow,
  InsightRow,
  RollupRow,
  SeriesRow,
  SettingsRow,
} from './types.js';

// JSON schemas mirroring the zod documents of @hearth/schema. Indexed fields are required, with
// `maxLength` (strings) or `minimum`/`maximum`/`multipleOf` (numbers), as RxDB's Dexie storage
// needs. Epoch milliseconds are bounded to 1970–2200.
const EPOCH_MS = {
  type: 'integer',
  minimum: 0,
  maximum: 7_258_118_400_000,
  multipleOf: 1,
} as const;
const UPDATED_AT = { type: 'string', maxLength: 40 } as const;
const TYPE = { type: 'string', maxLength: 32 } as const;

export const seriesSchema: RxJsonSchema<SeriesRow> = {
  title: 'series',
  description: 'The samples of one device, one type, one UTC hour: [startMs, endMs, value] points',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 200 },
    deviceId: { type: 'string', maxLength: 100 },
    type: TYPE,
    hourStart: EPOCH_MS,
    points: { type: 'array', items: { type: 'array', items: { type: 'number' } } },
    updatedAt: UPDATED_AT,
  },
  required: ['id', 'deviceId', 'type', 'hourStart', 'points', 'updatedAt'],
  indexes: [['type', 'hourStart'], 'updatedAt'],
};

export const rollupSchema: RxJsonSchema<RollupRow> = {
  title: 'rollups',
  description: 'Canonical day, week and month rollups computed by the server (read-only here)',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 120 },
    type: TYPE,
    period: { type: 'string', maxLength: 8 },
    periodStart: { type: 'string', maxLength: 40 },
    startMs: EPOCH_MS,
    value: { type: 'number' },
    minValue: { type: 'number' },
    maxValue: { type: 'number' },
    sampleCount: { type: 'integer' },
    updatedAt: UPDATED_AT,
  },
  required: ['id', 'type', 'period', 'periodStart', 'startMs', 'value', 'sampleCount', 'updatedAt'],
  indexes: [
    ['period', 'type', 'startMs'],
    ['period', 'startMs'],
  ],
};

export const deviceSchema: RxJsonSchema<DeviceRow> = {
  title: 'devices',
  description: 'The devices of the user: name, kind and last sync',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 100 },
    name: { type: 'string' },
    kind: { type: 'string' },
    lastSyncAt: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    updatedAt: UPDATED_AT,
  },
  required: ['id', 'name', 'kind', 'lastSyncAt', 'createdAt', 'updatedAt'],
  indexes: ['updatedAt'],
};

export const settingsSchema: RxJsonSchema<SettingsRow> = {
  title: 'settings',
  description:
    'The one settings document of the user: time zone, goals, source priority, preferences',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 20 },
    timeZone: { type: 'string' },
    goals: { type: 'object' },
    sourcePriority: { type: 'array', items: { type: 'string' } },
    preferences: { type: 'object' },
    updatedAt: UPDATED_AT,
  },
  required: ['id', 'timeZone', 'goals', 'sourcePriority', 'preferences', 'updatedAt'],
  indexes: ['updatedAt'],
};

/**
 * Version 1 added `preferences`. A document stored before reads as the defaults, as the server
 * reads a row without them; the next pull brings the server's own.
 */
export const settingsMigrationStrategies: MigrationStrategies = {
  1: (doc: Omit<SettingsRow, 'preferences'>): SettingsRow => ({
    ...doc,
    preferences: defaultPreferences(),
  }),
};

export const insightSchema: RxJsonSchema<InsightRow> = {
  title: 'insights',
  description: 'Insights computed by the server; acknowledging is the only client write',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 200 },
    type: { type: 'string' },
    subject: { type: 'string' },
    date: { type: 'string', maxLength: 10 },
    severity: { type: 'string' },
    direction: { type: 'string' },
    message: { type: 'string' },
    recommendation: { type: 'string' },
    data: { type: 'object' },
    acknowledged: { type: 'boolean' },
    createdAt: { type: 'string' },
    updatedAt: UPDATED_AT,
  },
  required: [
    'id',
    'type',
    'subject',
    'date',
    'severity',
    'message',
    'data',
    'acknowledged',
    'createdAt',
    'updatedAt',
  ],
  indexes: ['date', 'updatedAt'],
};

export const freshnessSchema: RxJsonSchema<FreshnessRow> = {
  title: 'freshness',
  description: 'How far the server rolled up: every change at or below rolledUpTo is included',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 20 },
    rolledUpTo: { type: 'integer', minimum: 0 },
  },
  required: ['id', 'rolledUpTo'],
};
