import type { Goals } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';

/** Users with metadata still in plaintext, in id order after `after`. */
export async function usersWithLegacyMetadata(
  db: Queryable,
  after: string,
  limit: number,
): Promise<string[]> {
  const res = await db.query<{ id: string }>(
    `SELECT u.id FROM users u
      WHERE u.id > $1 AND u.wrapped_key IS NOT NULL AND (
        EXISTS (SELECT 1 FROM insights i
                 WHERE i.user_id = u.id AND (i.local_date IS NOT NULL
                       OR (NOT i.deleted AND strpos(i.id, ':') > 0)))
        OR EXISTS (SELECT 1 FROM settings s
                    WHERE s.user_id = u.id AND s.goals_sealed IS NULL AND s.goals <> '{}')
        OR EXISTS (SELECT 1 FROM share_links l
                    WHERE l.user_id = u.id AND l.recipient_email IS NOT NULL)
        OR EXISTS (SELECT 1 FROM share_link_accesses a
                    WHERE a.user_id = u.id AND (a.ip IS NOT NULL OR a.user_agent IS NOT NULL)))
      ORDER BY u.id LIMIT $2`,
    [after, limit],
  );
  return res.rows.map((r) => r.id);
}

/** Dates of insight rows (tombstones included) are only in their sealed payload now. */
export async function clearInsightDates(db: Queryable, userId: string): Promise<void> {
  await db.query(
    'UPDATE insights SET local_date = NULL WHERE user_id = $1 AND local_date IS NOT NULL',
    [userId],
  );
}

export async function legacyGoals(db: Queryable, userId: string): Promise<Goals | null> {
  const res = await db.query<{ goals: Goals }>(
    `SELECT goals FROM settings WHERE user_id = $1 AND goals_sealed IS NULL AND goals <> '{}'
        FOR UPDATE`,
    [userId],
  );
  return res.rows[0]?.goals ?? null;
}

/** The document's content does not change, so neither does its position. */
export async function storeSealedGoals(db: Queryable, userId: string, sealed: Buffer) {
  await db.query(
    `UPDATE settings SET goals_sealed = $2, goals = '{}'
      WHERE user_id = $1 AND goals_sealed IS NULL`,
    [userId, sealed],
  );
}

export async function legacyRecipients(db: Queryable, userId: string) {
  const res = await db.query<{ id: string; recipient_email: string }>(
    `SELECT id, recipient_email FROM share_links
      WHERE user_id = $1 AND recipient_email IS NOT NULL FOR UPDATE`,
    [userId],
  );
  return res.rows.map((r) => ({ linkId: r.id, recipientEmail: r.recipient_email }));
}

export async function storeSealedRecipients(
  db: Queryable,
  userId: string,
  rows: ReadonlyArray<{ linkId: string; sealed: Buffer }>,
): Promise<void> {
  await db.query(
    `UPDATE share_links l SET recipient_sealed = t.sealed, recipient_email = NULL
       FROM unnest($2::uuid[], $3::bytea[]) AS t(id, sealed)
      WHERE l.user_id = $1 AND l.id = t.id`,
    [userId, rows.map((r) => r.linkId), rows.map((r) => r.sealed)],
  );
}

export async function legacyAccessClients(db: Queryable, userId: string) {
  const res = await db.query<{
    link_id: string;
    id: string;
    ip: string | null;
    user_agent: string | null;
  }>(
    `SELECT link_id, id::text AS id, ip, user_agent FROM share_link_accesses
      WHERE user_id = $1 AND (ip IS NOT NULL OR user_agent IS NOT NULL) FOR UPDATE`,
    [userId],
  );
  return res.rows.map((r) => ({
    linkId: r.link_id,
    id: r.id,
    client: { ip: r.ip, userAgent: r.user_agent },
  }));
}

export async function storeSealedAccessClients(
  db: Queryable,
  userId: string,
  rows: ReadonlyArray<{ linkId: string; id: string; sealed: Buffer }>,
): Promise<void> {
  await db.query(
    `UPDATE share_link_accesses a SET client_sealed = t.sealed, ip = NULL, user_agent = NULL
       FROM unnest($2::uuid[], $3::bigint[], $4::bytea[]) AS t(link_id, id, sealed)
      WHERE a.user_id = $1 AND a.link_id = t.link_id AND a.id = t.id`,
    [userId, rows.map((r) => r.linkId), rows.map((r) => r.id), rows.map((r) => r.sealed)],
  );
}
