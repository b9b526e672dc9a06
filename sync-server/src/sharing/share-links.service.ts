import { randomUUID } from 'node:crypto';
import { daysBetweenLocalDates, parseInstant } from '@hearth/core';
import {
  HEALTH_DATA_TYPES,
  type CreateShareLink,
  type CreateShareLinkResponse,
  type ShareAccess,
  type ShareLink,
} from '@hearth/schema';
import { AppError } from '../errors.js';
import type { Queryable } from '../db/pool.js';
import type { Keyring } from '../crypto/keyring.js';
import { hashToken, newSecretToken } from '../crypto/tokens.js';
import {
  insertShareLink,
  listAccesses,
  listShareLinks,
  revokeShareLink,
  shareLinkExists,
} from './share-links.repository.js';

export interface ShareLinkDeps {
  db: Queryable;
  /** Recipients and access logs are sealed under the owner's key. */
  keyring: Keyring;
  /** Public origin without a trailing slash (validated config). */
  baseUrl: string;
  now: () => number;
}

/**
 * Longest shared range. Every public read decrypts each shared day: ten years of ten types is
 * ~36,500 rollups, which bounds what one anonymous request can make the server do.
 */
export const MAX_SHARE_RANGE_DAYS = 3660;

/** Newest accesses returned by the access log. */
export const ACCESS_LOG_LIMIT = 500;

/** Shared types once each, in the canonical order (so exports list them predictably). */
function canonicalTypes(types: CreateShareLink['dataTypes']): CreateShareLink['dataTypes'] {
  const wanted = new Set(types);
  return HEALTH_DATA_TYPES.filter((t) => wanted.has(t));
}

export function shareUrlFor(baseUrl: string, accessCode: string): string {
  return `${baseUrl}/shared/${accessCode}`;
}

/**
 * Creates a link and returns its access code: shown this once, stored only as its SHA-256.
 * Any future expiry is accepted.
 */
export async function createShareLink(
  deps: ShareLinkDeps,
  userId: string,
  body: CreateShareLink,
): Promise<CreateShareLinkResponse> {
  const now = deps.now();
  // Read with the grammar the body's schema checked: `Date` misreads some of its forms (`±hhmm`,
  // a decimal comma).
  const expiresAt = new Date(parseInstant(body.expiresAt) ?? Number.NaN);
  if (!(expiresAt.getTime() > now)) {
    throw new AppError('invalid-request', 'expiresAt must be in the future');
  }
  if (1 + daysBetweenLocalDates(body.dateStart, body.dateEnd) > MAX_SHARE_RANGE_DAYS) {
    throw new AppError('invalid-request', `A share may span at most ${MAX_SHARE_RANGE_DAYS} days`);
  }
  const accessCode = newSecretToken();
  const id = randomUUID();
  await insertShareLink(
    deps.db,
    userId,
    {
      id,
      codeHash: hashToken(accessCode),
      recipientEmail: body.recipientEmail ?? null,
      dataTypes: canonicalTypes(body.dataTypes),
      dateStart: body.dateStart,
      dateEnd: body.dateEnd,
      expiresAt,
      createdAt: new Date(now),
    },
    await deps.keyring.getUserKey(deps.db, userId),
  );
  return {
    id,
    accessCode,
    shareUrl: shareUrlFor(deps.baseUrl, accessCode),
    expiresAt: expiresAt.toISOString(),
  };
}

export async function getShareLinks(deps: ShareLinkDeps, userId: string): Promise<ShareLink[]> {
  return listShareLinks(deps.db, userId, await deps.keyring.getUserKey(deps.db, userId));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function noSuchLink(): AppError {
  return new AppError('not-found', 'No such share link');
}

/** Revokes the user's link (idempotent). Another user's id is the same 404 as an unknown one. */
export async function revokeLink(deps: ShareLinkDeps, userId: string, id: string): Promise<void> {
  if (!UUID.test(id)) throw noSuchLink();
  const found = await revokeShareLink(deps.db, userId, id, new Date(deps.now()));
  if (!found) throw noSuchLink();
}

export async function getAccessLog(
  deps: ShareLinkDeps,
  userId: string,
  id: string,
): Promise<ShareAccess[]> {
  if (!UUID.test(id) || !(await shareLinkExists(deps.db, userId, id))) throw noSuchLink();
  const dataKey = await deps.keyring.getUserKey(deps.db, userId);
  return listAccesses(deps.db, userId, id, ACCESS_LOG_LIMIT, dataKey);
}
