import type { HealthDataType, LocalDate, ShareAccess, ShareLink } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import { open, openJson, rowAad, seal, sealJson } from '../crypto/envelope.js';

/**
 * Whom a person shares with and who opened the link (IP, user agent) say something about their
 * health (a clinic's address, a specialist's network), so both are sealed under the owner's key.
 * Rows from before that keep the plaintext columns until rewritten (security/legacy-metadata.ts).
 */
export const recipientAad = (userId: string, linkId: string) =>
  rowAad('share_links', userId, linkId, 'recipient');
export const accessClientAad = (userId: string, linkId: string) =>
  rowAad('share_link_accesses', userId, linkId, 'client');

export interface AccessClient {
  ip: string | null;
  userAgent: string | null;
}

export type AccessFormat = ShareAccess['format'];

export interface NewShareLink {
  id: string;
  codeHash: Buffer;
  recipientEmail: string | null;
  dataTypes: readonly HealthDataType[];
  dateStart: LocalDate;
  dateEnd: LocalDate;
  expiresAt: Date;
  createdAt: Date;
}

export async function insertShareLink(
  db: Queryable,
  userId: string,
  link: NewShareLink,
  dataKey: Buffer,
): Promise<void> {
  const recipient =
    link.recipientEmail === null
      ? null
      : seal(dataKey, Buffer.from(link.recipientEmail, 'utf8'), recipientAad(userId, link.id));
  await db.query(
    `INSERT INTO share_links (user_id, id, code_hash, recipient_sealed, data_types, date_start,
                              date_end, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      userId,
      link.id,
      link.codeHash,
      recipient,
      link.dataTypes,
      link.dateStart,
      link.dateEnd,
      link.expiresAt,
      link.createdAt,
    ],
  );
}

interface DbShareLink {
  id: string;
  recipient_email: string | null;
  recipient_sealed: Buffer | null;
  data_types: HealthDataType[];
  date_start: string;
  date_end: string;
  expires_at: Date;
  created_at: Date;
  revoked_at: Date | null;
  access_count: number;
  last_accessed_at: Date | null;
}

function toShareLink(dataKey: Buffer, userId: string, r: DbShareLink): ShareLink {
  return {
    id: r.id,
    recipientEmail: r.recipient_sealed
      ? open(dataKey, r.recipient_sealed, recipientAad(userId, r.id)).toString('utf8')
      : r.recipient_email,
    dataTypes: r.data_types,
    dateStart: r.date_start,
    dateEnd: r.date_end,
    expiresAt: r.expires_at.toISOString(),
    createdAt: r.created_at.toISOString(),
    accessCount: r.access_count,
    lastAccessedAt: r.last_accessed_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  };
}

/** The user's links, newest first, with counts and last access derived from the access log. */
export async function listShareLinks(
  db: Queryable,
  userId: string,
  dataKey: Buffer,
): Promise<ShareLink[]> {
  const res = await db.query<DbShareLink>(
    `SELECT l.id, l.recipient_email, l.recipient_sealed, l.data_types, l.date_start, l.date_end, l.expires_at,
            l.created_at, l.revoked_at,
            coalesce(a.n, 0)::bigint AS access_count, a.last AS last_accessed_at
       FROM share_links l
       LEFT JOIN (SELECT link_id, count(*) AS n, max(accessed_at) AS last
                    FROM share_link_accesses WHERE user_id = $1 GROUP BY link_id) a
         ON a.link_id = l.id
      WHERE l.user_id = $1
      ORDER BY l.created_at DESC, l.id`,
    [userId],
  );
  return res.rows.map((r) => toShareLink(dataKey, userId, r));
}

export async function shareLinkExists(db: Queryable, userId: string, id: string): Promise<boolean> {
  const res = await db.query('SELECT 1 FROM share_links WHERE user_id = $1 AND id = $2', [
    userId,
    id,
  ]);
  return (res.rowCount ?? 0) > 0;
}

/**
 * Revokes the user's link; revoking twice keeps the first time. Returns false when the user has
 * no such link.
 */
export async function revokeShareLink(
  db: Queryable,
  userId: string,
  id: string,
  at: Date,
): Promise<boolean> {
  const res = await db.query(
    `UPDATE share_links SET revoked_at = coalesce(revoked_at, $3)
      WHERE user_id = $1 AND id = $2`,
    [userId, id, at],
  );
  return (res.rowCount ?? 0) > 0;
}

/** A link found by its code hash, whatever its state: the caller decides (in one place). */
export interface LinkByCode {
  userId: string;
  id: string;
  dataTypes: HealthDataType[];
  dateStart: LocalDate;
  dateEnd: LocalDate;
  expiresAtMs: number;
  revoked: boolean;
  /** False once the owner's account is erased. */
  ownerLive: boolean;
  /** The owner's zone: the one their rollups are computed in. */
  timeZone: string;
}

export async function findLinkByCodeHash(
  db: Queryable,
  codeHash: Buffer,
): Promise<LinkByCode | null> {
  const res = await db.query<{
    user_id: string;
    id: string;
    data_types: HealthDataType[];
    date_start: string;
    date_end: string;
    expires_at: Date;
    revoked: boolean;
    owner_live: boolean;
    time_zone: string;
  }>(
    `SELECT l.user_id, l.id, l.data_types, l.date_start, l.date_end, l.expires_at,
            l.revoked_at IS NOT NULL AS revoked,
            (u.erased_at IS NULL AND u.wrapped_key IS NOT NULL) AS owner_live,
            coalesce(s.time_zone, u.time_zone) AS time_zone
       FROM share_links l
       JOIN users u ON u.id = l.user_id
       LEFT JOIN settings s ON s.user_id = l.user_id
      WHERE l.code_hash = $1`,
    [codeHash],
  );
  const r = res.rows[0];
  if (!r) return null;
  return {
    userId: r.user_id,
    id: r.id,
    dataTypes: r.data_types,
    dateStart: r.date_start,
    dateEnd: r.date_end,
    expiresAtMs: r.expires_at.getTime(),
    revoked: r.revoked,
    ownerLive: r.owner_live,
    timeZone: r.time_zone,
  };
}

export interface AccessRecord extends AccessClient {
  accessedAt: Date;
  format: AccessFormat;
}

export async function insertAccess(
  db: Queryable,
  userId: string,
  linkId: string,
  access: AccessRecord,
  dataKey: Buffer,
): Promise<void> {
  const client: AccessClient = { ip: access.ip, userAgent: access.userAgent };
  await db.query(
    `INSERT INTO share_link_accesses (user_id, link_id, accessed_at, client_sealed, format)
     VALUES ($1, $2, $3, $4, $5)`,
    [
      userId,
      linkId,
      access.accessedAt,
      sealJson(dataKey, client, accessClientAad(userId, linkId)),
      access.format,
    ],
  );
}

/** The link's access log, newest first. */
export async function listAccesses(
  db: Queryable,
  userId: string,
  linkId: string,
  limit: number,
  dataKey: Buffer,
): Promise<ShareAccess[]> {
  const res = await db.query<{
    accessed_at: Date;
    ip: string | null;
    user_agent: string | null;
    client_sealed: Buffer | null;
    format: AccessFormat;
  }>(
    `SELECT accessed_at, ip, user_agent, client_sealed, format FROM share_link_accesses
      WHERE user_id = $1 AND link_id = $2
      ORDER BY accessed_at DESC, id DESC
      LIMIT $3`,
    [userId, linkId, limit],
  );
  return res.rows.map((r) => {
    const client = r.client_sealed
      ? (openJson(dataKey, r.client_sealed, accessClientAad(userId, linkId)) as AccessClient)
      : { ip: r.ip, userAgent: r.user_agent };
    return { accessedAt: r.accessed_at.toISOString(), ...client, format: r.format };
  });
}

/** Account erasure: the user's links and their access log. */
export async function deleteUserShareLinks(db: Queryable, userId: string): Promise<void> {
  await db.query('DELETE FROM share_link_accesses WHERE user_id = $1', [userId]);
  await db.query('DELETE FROM share_links WHERE user_id = $1', [userId]);
}
