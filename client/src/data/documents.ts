import { defaultPreferences, type Me, type Settings } from '@hearth/schema';
import { map, type Observable } from 'rxjs';
import {
  PENDING_UPDATED_AT,
  type DeviceRow,
  type HearthDatabase,
  type InsightRow,
  type SettingsRow,
} from '../db/types.js';

/** Until the settings document has replicated, the account's own zone, no goals, default preferences. */
export function defaultSettings(user: Pick<Me, 'timeZone'>): SettingsRow {
  return {
    id: 'settings',
    timeZone: user.timeZone,
    goals: {},
    sourcePriority: [],
    preferences: defaultPreferences(),
    updatedAt: '1970-01-01T00:00:00.000Z',
  };
}

export function settings$(db: HearthDatabase, fallback: SettingsRow): Observable<SettingsRow> {
  return db.settings
    .findOne('settings')
    .$.pipe(map((doc) => (doc ? (doc.toJSON() as SettingsRow) : fallback)));
}

export function devices$(db: HearthDatabase): Observable<DeviceRow[]> {
  return db.devices
    .find({ sort: [{ id: 'asc' }] })
    .$.pipe(map((docs) => docs.map((d) => d.toJSON() as DeviceRow)));
}

export function insights$(db: HearthDatabase): Observable<InsightRow[]> {
  return db.insights
    .find({ sort: [{ date: 'desc' }, { id: 'asc' }] })
    .$.pipe(map((docs) => docs.map((d) => d.toJSON() as InsightRow)));
}

/** Writes settings locally (works offline); replication uploads them. */
export async function updateSettings(
  db: HearthDatabase,
  fallback: SettingsRow,
  patch: Partial<Settings>,
): Promise<void> {
  const doc = await db.settings.findOne('settings').exec();
  if (doc) {
    await doc.incrementalPatch({ ...patch, updatedAt: PENDING_UPDATED_AT });
  } else {
    await db.settings.insert({ ...fallback, ...patch, updatedAt: PENDING_UPDATED_AT });
  }
}

export async function acknowledgeInsight(db: HearthDatabase, id: string): Promise<void> {
  const doc = await db.insights.findOne(id).exec();
  if (doc && !doc.acknowledged) {
    await doc.incrementalPatch({ acknowledged: true, updatedAt: PENDING_UPDATED_AT });
  }
}

export async function renameDevice(db: HearthDatabase, id: string, name: string): Promise<void> {
  const doc = await db.devices.findOne(id).exec();
  if (doc) await doc.incrementalPatch({ name, updatedAt: PENDING_UPDATED_AT });
}
