import type { HealthInsight } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import { openJson, rowAad, sealJson } from '../crypto/envelope.js';

/**
 * What is sealed at rest: the insight without `acknowledged` (a plain column the user sets). Its
 * kind, subject and date are only in here; the row's id is opaque (insight-id.ts).
 */
export type InsightPayload = Omit<HealthInsight, 'acknowledged'>;

export interface StoredInsight {
  id: string;
  payload: Buffer;
  acknowledged: boolean;
  position: number;
  updatedAt: string;
  deleted: boolean;
}

export interface InsightWrite {
  id: string;
  payload: Buffer;
  /** Only for a new row (carried over from a legacy one); an existing row keeps its own. */
  acknowledged?: boolean;
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
  payload: Buffer;
  acknowledged: boolean;
  position: number;
  updated_at: Date;
  deleted: boolean;
}

function toStored(r: DbInsight): StoredInsight {
  return {
    id: r.id,
    payload: r.payload,
    acknowledged: r.acknowledged,
    position: r.position,
    updatedAt: r.updated_at.toISOString(),
    deleted: r.deleted,
  };
}

/** The user's insights (live only unless asked), in no particular order: dates are sealed. */
export async function listInsights(
  db: Queryable,
  userId: string,
  options: { includeDeleted?: boolean } = {},
): Promise<StoredInsight[]> {
  const res = await db.query<DbInsight>(
    `SELECT id, payload, acknowledged, position, updated_at, deleted
       FROM insights WHERE user_id = $1 ${options.includeDeleted ? '' : 'AND NOT deleted'}`,
    [userId],
  );
  return res.rows.map(toStored);
}

/**
 * Writes insights in one statement; `acknowledged` survives a recompute of the same id. The
 * plaintext `local_date` of rows written before ids were opaque is cleared on every write.
 */
export async function upsertInsights(
  db: Queryable,
  userId: string,
  rows: readonly InsightWrite[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO insights (user_id, id, local_date, payload, acknowledged, position, deleted)
     SELECT $1::uuid, id, NULL, payload, coalesce(ack, false), position, deleted
       FROM unnest($2::text[], $3::bytea[], $4::boolean[], $5::bigint[], $6::boolean[])
            AS t(id, payload, ack, position, deleted)
     ON CONFLICT (user_id, id) DO UPDATE
       SET local_date = NULL, payload = EXCLUDED.payload, position = EXCLUDED.position,
           deleted = EXCLUDED.deleted, updated_at = now()`,
    [
      userId,
      rows.map((r) => r.id),
      rows.map((r) => r.payload),
      rows.map((r) => r.acknowledged ?? null),
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
      RETURNING id, payload, acknowledged, position, updated_at, deleted`,
    [userId, id, position],
  );
  return res.rows[0] ? toStored(res.rows[0]) : null;
}

/** Live rows written before insight ids were opaque (their id holds a colon). */
export async function listLegacyInsights(db: Queryable, userId: string): Promise<StoredInsight[]> {
  const res = await db.query<DbInsight>(
    `SELECT id, payload, acknowledged, position, updated_at, deleted
       FROM insights WHERE user_id = $1 AND NOT deleted AND strpos(id, ':') > 0`,
    [userId],
  );
  return res.rows.map(toStored);
}
