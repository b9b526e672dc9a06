import { summaryToAggregate } from '@hearth/core';
import type { HealthDataType, SharedData } from '@hearth/schema';
import { readDisplayName } from '../accounts/display-name.js';
import { AppError } from '../errors.js';
import type { Queryable } from '../db/pool.js';
import type { Keyring } from '../crypto/keyring.js';
import { hashToken } from '../crypto/tokens.js';
import { openSummary } from '../rollups/rollup-codec.js';
import { findRollups } from '../rollups/rollups.repository.js';
import type { ShareCodeMissLimiter } from './access/miss-limiter.js';
import { dayInterval, toSharedDataPoint, type SharedDay } from './export/shared-day.js';
import {
  findLinkByCodeHash,
  insertAccess,
  type AccessFormat,
  type LinkByCode,
} from './share-links.repository.js';

export interface SharedDataDeps {
  db: Queryable;
  keyring: Keyring;
  limiter: ShareCodeMissLimiter;
  now: () => number;
}

/** Who opened the link, as recorded in the owner's access log. */
export interface Requester {
  /** Charged for misses (see security/client-key.ts). */
  clientKey: string;
  ip: string | null;
  userAgent: string | null;
}

export interface OpenedShare {
  link: LinkByCode;
  days: SharedDay[];
  /** When the link was opened: days whose interval had not ended then are partial. */
  openedAtMs: number;
  /** The owner's display name, '' for none; read for the viewer's JSON only. */
  sharedBy: string;
}

/** Unknown, expired, revoked and erased-owner codes: one answer, so none can be told apart. */
function linkNotFound(): AppError {
  return new AppError(
    'share-link-not-found',
    'This share link does not exist, has expired or was revoked',
  );
}

function isUsable(link: LinkByCode | null, nowMs: number): link is LinkByCode {
  return link !== null && link.ownerLive && !link.revoked && link.expiresAtMs > nowMs;
}

function finiteOrUndefined(v: number | undefined): number | undefined {
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/** The owner's data key; an account erased since the lookup answers like any dead link. */
async function ownerKey(deps: SharedDataDeps, userId: string): Promise<Buffer> {
  try {
    return await deps.keyring.getUserKey(deps.db, userId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not-found') throw linkNotFound();
    throw err;
  }
}

/** The owner's day rollups of exactly the shared types and local dates, decrypted. */
async function loadSharedDays(deps: SharedDataDeps, link: LinkByCode): Promise<SharedDay[]> {
  const dataKey = await ownerKey(deps, link.userId);
  const rows = await findRollups(deps.db, link.userId, {
    types: link.dataTypes,
    periods: ['day'],
    fromDate: link.dateStart,
    toDate: link.dateEnd,
  });
  const byType = new Map<HealthDataType, SharedDay[]>(link.dataTypes.map((t) => [t, []]));
  for (const row of rows) {
    const summary = openSummary(dataKey, link.userId, row, row.summary);
    const aggregate = summaryToAggregate(row.type, 'day', row.localStart, summary);
    const day: SharedDay = {
      type: row.type,
      date: row.localDate,
      periodStart: row.localStart,
      ...dayInterval(row.type, row.localDate, link.timeZone),
      value: aggregate.value,
      sampleCount: aggregate.sampleCount,
    };
    const min = finiteOrUndefined(aggregate.minValue);
    const max = finiteOrUndefined(aggregate.maxValue);
    if (min !== undefined) day.minValue = min;
    if (max !== undefined) day.maxValue = max;
    byType.get(row.type)?.push(day);
  }
  // Rows come ordered by type name then start; the export lists types in the link's order.
  return link.dataTypes.flatMap((t) => byType.get(t) ?? []);
}

/**
 * Resolves an access code to the shared days and logs the access. Every code takes the same
 * path (hash, one indexed lookup, then the decision), so a miss costs the same whether the code
 * never existed, expired or was revoked. The route reserved one unit of the client's guessing
 * budget before the lookup: a miss keeps it spent, a live code gives it back.
 * The data is read before the access is logged and nothing is returned unless the log is
 * written: no access goes unrecorded.
 */
export async function openShare(
  deps: SharedDataDeps,
  accessCode: string,
  requester: Requester,
  format: AccessFormat,
): Promise<OpenedShare> {
  const link = await findLinkByCodeHash(deps.db, hashToken(accessCode));
  const now = deps.now();
  if (!isUsable(link, now)) throw linkNotFound();
  await deps.limiter.refund(requester.clientKey);
  const days = await loadSharedDays(deps, link);
  const sharedBy =
    format === 'json'
      ? await readDisplayName(deps.db, link.userId, await ownerKey(deps, link.userId))
      : '';
  const access = {
    accessedAt: new Date(now),
    ip: requester.ip,
    userAgent: requester.userAgent,
    format,
  };
  await insertAccess(deps.db, link.userId, link.id, access, await ownerKey(deps, link.userId));
  return { link, days, openedAtMs: now, sharedBy };
}

/** The JSON answer of `GET /sharing/data/:accessCode` (`sharedDataSchema`). */
export function toSharedData({ link, days, openedAtMs, sharedBy }: OpenedShare): SharedData {
  return {
    dataTypes: link.dataTypes,
    dateRange: { start: link.dateStart, end: link.dateEnd },
    data: days.map((day) => toSharedDataPoint(day, openedAtMs)),
    ...(sharedBy ? { sharedBy } : {}),
  };
}
