import type { RxJsonSchema } from 'rxdb';
import type {
  DeviceRow,
  FreshnessRow,
  InsightRow,
  RollupRow,
  SeriesRow,
  SettingsRow,
} from './types.js';

/**
 * The RxDB schemas every replica was created with before they were derived from
 * @hearth/schema (collections.ts): written by hand, kept verbatim so the tests open a replica
 * these created. Never edit: RxDB compares a stored schema's hash with them.
 */
const EPOCH_MS = {
  type: 'integer',
  minimum: 0,
  maximum: 7_258_118_400_000,
  multipleOf: 1,
} as const;
const UPDATED_AT = { type: 'string', maxLength: 40 } as const;
const TYPE = { type: 'string', maxLength: 32 } as const;

export const seriesSchemaBefore: RxJsonSchema<SeriesRow> = {
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

export const rollupSchemaBefore: RxJsonSchema<RollupRow> = {
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

export const deviceSchemaBefore: RxJsonSchema<DeviceRow> = {
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

export const settingsSchemaBefore: RxJsonSchema<SettingsRow> = {
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

export const insightSchemaBefore: RxJsonSchema<InsightRow> = {
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

export const freshnessSchemaBefore: RxJsonSchema<FreshnessRow> = {
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
