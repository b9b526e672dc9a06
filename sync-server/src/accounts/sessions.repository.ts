import type { Queryable } from '../db/pool.js';

export interface SessionUser {
  id: string;
  email: string;
  isAdmin: boolean;
  timeZone: string;
  createdAt: string;
}

export async function insertSession(
  db: Queryable,
  tokenHash: Buffer,
  userId: string,
  expiresAt: Date,
): Promise<void> {
  await db.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
    tokenHash,
    userId,
    expiresAt,
  ]);
}

/** The live user behind a session token hash, or null (unknown, expired or erased). */
export async function findSessionUser(
  db: Queryable,
  tokenHash: Buffer,
): Promise<SessionUser | null> {
  const res = await db.query<{
    id: string;
    email: string;
    is_admin: boolean;
    time_zone: string;
    created_at: Date;
  }>(
    `SELECT u.id, u.email, u.is_admin, u.time_zone, u.created_at
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > now() AND u.erased_at IS NULL`,
    [tokenHash],
  );
  const row = res.rows[0];
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    isAdmin: row.is_admin,
    timeZone: row.time_zone,
    createdAt: row.created_at.toISOString(),
  };
}

export async function deleteSession(db: Queryable, tokenHash: Buffer): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

export async function deleteUserSessions(db: Queryable, userId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}

export async function deleteExpiredSessions(db: Queryable): Promise<number> {
  const res = await db.query('DELETE FROM sessions WHERE expires_at <= now()');
  return res.rowCount ?? 0;
}
