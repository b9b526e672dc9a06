import { defaultPreferences, type Me, type Settings } from '@hearth/schema';
import { map, type Observable } from 'rxjs';
import {
  PENDING_UPDATED_AT,
  type DeviceRow,
  type HearthDatabase,
  type InsightRow,
  type SettingsRow,
} from '../db/types.js';
import type { LocalChanges } from './localChanges.js';

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

/** Where a settings write goes: the replica's database and its record of local changes. */
export type SettingsStore = { db: HearthDatabase; localChanges: LocalChanges };

/** Whether a patch changes what the server's rollups were computed from (zone, device order). */
function movesRollups(current: SettingsRow, patch: Partial<Settings>): boolean {
  return (
    (patch.timeZone !== undefined && patch.timeZone !== current.timeZone) ||
    (patch.sourcePriority !== undefined &&
      JSON.stringify(patch.sourcePriority) !== JSON.stringify(current.sourcePriority))
  );
}

/**
 * Writes settings locally (works offline); replication uploads them. A new time zone moves every
 * bucket and a new device order changes every deduplicated figure, so the change is recorded
 * here, before the write, for screens to compute on the device until the server has caught up
 * (SPECIFICATION.md §4): no caller can forget it.
 */
export async function updateSettings(
  { db, localChanges }: SettingsStore,
  fallback: SettingsRow,
  patch: Partial<Settings>,
): Promise<void> {
  const doc = await db.settings.findOne('settings').exec();
  const current = doc ? (doc.toJSON() as SettingsRow) : fallback;
  if (movesRollups(current, patch)) localChanges.settingsChanged(Date.now());
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
