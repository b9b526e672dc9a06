import type { Goals, Settings } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';

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

interface DbSettings {
  time_zone: string;
  goals: Goals;
  source_priority: string[];
}

function toSettings(r: DbSettings): Settings {
  return { timeZone: r.time_zone, goals: r.goals, sourcePriority: r.source_priority };
}

/** The user's settings; `forUpdate` locks the row for a read-modify-write. */
export async function getSettings(
  db: Queryable,
  userId: string,
  forUpdate = false,
): Promise<Settings | null> {
  const res = await db.query<DbSettings>(
    `SELECT time_zone, goals, source_priority FROM settings WHERE user_id = $1
     ${forUpdate ? 'FOR UPDATE' : ''}`,
    [userId],
  );
  return res.rows[0] ? toSettings(res.rows[0]) : null;
}

export async function writeSettings(
  db: Queryable,
  userId: string,
  settings: Settings,
  position: number,
): Promise<void> {
  await db.query(
    `UPDATE settings
        SET time_zone = $2, goals = $3, source_priority = $4, position = $5, updated_at = now()
      WHERE user_id = $1`,
    [userId, settings.timeZone, JSON.stringify(settings.goals), settings.sourcePriority, position],
  );
}
