import type { HealthInsight, LocalDate } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import { openJson, rowAad, sealJson } from '../crypto/envelope.js';

/** What is sealed at rest: the insight without `acknowledged` (a plain column the user sets). */
export type InsightPayload = Omit<HealthInsight, 'acknowledged'>;

export interface StoredInsight {
  id: string;
  localDate: LocalDate;
  payload: Buffer;
  acknowledged: boolean;
  position: number;
  updatedAt: string;
  deleted: boolean;
}

export interface InsightWrite {
  id: string;
  localDate: LocalDate;
  payload: Buffer;
  position: number;
  deleted: boolean;
}

export const insightAad = (userId: string, id: string) => rowAad('insights', userId, id);

export function sealInsight(dataKey: Buffer, userId: string, insight: InsightPayload): Buffer {
  return sealJson(dataKey, insight, insightAad(userId, insight.id));
}

export function openInsight(dataKey: Buffer, userId: string, row: StoredInsight): HealthInsight {
  const payload = openJson(dataKey, row.payload, insightAad(userId, row.id)) as InsightPayload;
  return { ...payload, acknowledged: row.acknowledged };
}

interface DbInsight {
  id: string;
  local_date: string;
  payload: Buffer;
  acknowledged: boolean;
  position: number;
  updated_at: Date;
  deleted: boolean;
}

function toStored(r: DbInsight): StoredInsight {
  return {
    id: r.id,
    localDate: r.local_date,
    payload: r.payload,
    acknowledged: r.acknowledged,
    position: r.position,
    updatedAt: r.updated_at.toISOString(),
    deleted: r.deleted,
  };
}

/** The user's insights, newest date first (live only unless asked). */
export async function listInsights(
  db: Queryable,
  userId: string,
  options: { includeDeleted?: boolean } = {},
): Promise<StoredInsight[]> {
  const res = await db.query<DbInsight>(
    `SELECT id, local_date, payload, acknowledged, position, updated_at, deleted
       FROM insights WHERE user_id = $1 ${options.includeDeleted ? '' : 'AND NOT deleted'}
      ORDER BY local_date DESC, id`,
    [userId],
  );
  return res.rows.map(toStored);
}

/** Writes insights in one statement; `acknowledged` survives a recompute of the same id. */
export async function upsertInsights(
  db: Queryable,
  userId: string,
  rows: readonly InsightWrite[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO insights (user_id, id, local_date, payload, position, deleted)
     SELECT $1::uuid, * FROM unnest($2::text[], $3::date[], $4::bytea[], $5::bigint[], $6::boolean[])
     ON CONFLICT (user_id, id) DO UPDATE
       SET local_date = EXCLUDED.local_date, payload = EXCLUDED.payload,
           position = EXCLUDED.position, deleted = EXCLUDED.deleted, updated_at = now()`,
    [
      userId,
      rows.map((r) => r.id),
      rows.map((r) => r.localDate),
      rows.map((r) => r.payload),
      rows.map((r) => r.position),
      rows.map((r) => r.deleted),
    ],
  );
}

/** Marks a live insight acknowledged; null if the user has no such live insight. */
export async function acknowledgeInsight(
  db: Queryable,
  userId: string,
  id: string,
  position: number,
): Promise<StoredInsight | null> {
  const res = await db.query<DbInsight>(
    `UPDATE insights SET acknowledged = true, position = $3, updated_at = now()
      WHERE user_id = $1 AND id = $2 AND NOT deleted
      RETURNING id, local_date, payload, acknowledged, position, updated_at, deleted`,
    [userId, id, position],
  );
  return res.rows[0] ? toStored(res.rows[0]) : null;
}
