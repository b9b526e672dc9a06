import { defaultPreferences, type Goals, type Preferences, type Settings } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import { openJson, rowAad, sealJson } from '../crypto/envelope.js';

/**
 * Goals say what a person is working on (a weight, a glucose range), so they are sealed under the
 * user's key (`goals_sealed`). Rows written before that keep them in the plaintext `goals` column
 * until they are rewritten (security/legacy-metadata.ts) or next saved; every write empties it.
 */
const goalsAad = (userId: string) => rowAad('settings', userId, 'goals');

export function sealGoals(dataKey: Buffer, userId: string, goals: Goals): Buffer {
  return sealJson(dataKey, goals, goalsAad(userId));
}

/** Preferences say which units a person reads their data in: sealed like goals. NULL: defaults. */
const preferencesAad = (userId: string) => rowAad('settings', userId, 'preferences');

/** The row's columns as stored, for readers that select them themselves (replication). */
export interface SettingsColumns {
  time_zone: string;
  goals: Goals;
  goals_sealed: Buffer | null;
  source_priority: string[];
  preferences_sealed: Buffer | null;
}

export const SETTINGS_COLUMNS =
  'time_zone, goals, goals_sealed, source_priority, preferences_sealed';

export function settingsFromColumns(dataKey: Buffer, userId: string, r: SettingsColumns): Settings {
  const goals = r.goals_sealed
    ? (openJson(dataKey, r.goals_sealed, goalsAad(userId)) as Goals)
    : r.goals;
  const preferences = r.preferences_sealed
    ? (openJson(dataKey, r.preferences_sealed, preferencesAad(userId)) as Preferences)
    : defaultPreferences();
  return { timeZone: r.time_zone, goals, sourcePriority: r.source_priority, preferences };
}

export async function insertDefaultSettings(
  db: Queryable,
  userId: string,
  timeZone: string,
  position: number,
): Promise<void> {
  await db.query('INSERT INTO settings (user_id, time_zone, position) VALUES ($1, $2, $3)', [
    userId,
    timeZone,
    position,
  ]);
}

/** The user's settings; `forUpdate` locks the row for a read-modify-write. */
export async function getSettings(
  db: Queryable,
  userId: string,
  dataKey: Buffer,
  forUpdate = false,
): Promise<Settings | null> {
  const res = await db.query<SettingsColumns>(
    `SELECT ${SETTINGS_COLUMNS} FROM settings WHERE user_id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
    [userId],
  );
  return res.rows[0] ? settingsFromColumns(dataKey, userId, res.rows[0]) : null;
}

/** The zone alone needs no key (it stays plaintext: every bucket boundary depends on it). */
export async function getTimeZone(db: Queryable, userId: string): Promise<string | null> {
  const res = await db.query<{ time_zone: string }>(
    'SELECT time_zone FROM settings WHERE user_id = $1',
    [userId],
  );
  return res.rows[0]?.time_zone ?? null;
}

export async function writeSettings(
  db: Queryable,
  userId: string,
  settings: Settings,
  position: number,
  dataKey: Buffer,
): Promise<void> {
  await db.query(
    `UPDATE settings
        SET time_zone = $2, goals = '{}', goals_sealed = $3, source_priority = $4, position = $5,
            preferences_sealed = $6, updated_at = now()
      WHERE user_id = $1`,
    [
      userId,
      settings.timeZone,
      sealGoals(dataKey, userId, settings.goals),
      settings.sourcePriority,
      position,
      sealJson(dataKey, settings.preferences, preferencesAad(userId)),
    ],
  );
}
