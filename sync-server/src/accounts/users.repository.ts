import type { Queryable } from '../db/pool.js';

export interface NewUserRow {
  id: string;
  email: string;
  passwordHash: string;
  timeZone: string;
  isAdmin: boolean;
  wrappedKey: Buffer;
}

export interface UserRow {
  id: string;
  email: string;
  passwordHash: string;
  timeZone: string;
  isAdmin: boolean;
  createdAt: string;
}

/** Inserts the user and returns its creation time, or null when the email is taken. */
export async function insertUser(db: Queryable, user: NewUserRow): Promise<string | null> {
  const res = await db.query<{ created_at: Date }>(
    `INSERT INTO users (id, email, password_hash, time_zone, is_admin, wrapped_key)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (email) DO NOTHING
     RETURNING created_at`,
    [user.id, user.email, user.passwordHash, user.timeZone, user.isAdmin, user.wrappedKey],
  );
  return res.rows[0]?.created_at.toISOString() ?? null;
}

interface DbUser {
  id: string;
  email: string;
  password_hash: string;
  time_zone: string;
  is_admin: boolean;
  created_at: Date;
}

function toUserRow(r: DbUser): UserRow {
  return {
    id: r.id,
    email: r.email,
    passwordHash: r.password_hash,
    timeZone: r.time_zone,
    isAdmin: r.is_admin,
    createdAt: r.created_at.toISOString(),
  };
}

const USER_COLUMNS = 'id, email, password_hash, time_zone, is_admin, created_at';

export async function findLiveUserByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const res = await db.query<DbUser>(
    `SELECT ${USER_COLUMNS} FROM users WHERE email = $1 AND erased_at IS NULL`,
    [email],
  );
  return res.rows[0] ? toUserRow(res.rows[0]) : null;
}

export async function findLiveUserById(db: Queryable, id: string): Promise<UserRow | null> {
  const res = await db.query<DbUser>(
    `SELECT ${USER_COLUMNS} FROM users WHERE id = $1 AND erased_at IS NULL`,
    [id],
  );
  return res.rows[0] ? toUserRow(res.rows[0]) : null;
}

export async function updateUserTimeZone(
  db: Queryable,
  userId: string,
  timeZone: string,
): Promise<void> {
  await db.query('UPDATE users SET time_zone = $2 WHERE id = $1', [userId, timeZone]);
}

/** Sets the live account's admin flag; false when no live account has this address. */
export async function setUserAdmin(
  db: Queryable,
  email: string,
  isAdmin: boolean,
): Promise<boolean> {
  const res = await db.query(
    'UPDATE users SET is_admin = $2 WHERE email = $1 AND erased_at IS NULL',
    [email, isAdmin],
  );
  return (res.rowCount ?? 0) > 0;
}

export async function listAdminEmails(db: Queryable): Promise<string[]> {
  const res = await db.query<{ email: string }>(
    'SELECT email FROM users WHERE is_admin AND erased_at IS NULL ORDER BY email',
  );
  return res.rows.map((r) => r.email);
}

/** Read at every admin request, so a revoke holds at once (not when a session cache expires). */
export async function isLiveAdmin(db: Queryable, userId: string): Promise<boolean> {
  const res = await db.query(
    'SELECT 1 FROM users WHERE id = $1 AND is_admin AND erased_at IS NULL',
    [userId],
  );
  return (res.rowCount ?? 0) > 0;
}
