import type { LocalDate } from '@hearth/schema';
import { open, rowAad, seal } from '../crypto/envelope.js';
import type { Queryable } from '../db/pool.js';
import { readDailySummaries } from './summary-reader.js';

/**
 * Daily summaries carried in the rollup worker's NOTIFY, so every instance's cache holds a day's
 * new summary the moment it learns that the day changed (no instance re-reads it, no reader
 * misses). PostgreSQL passes a NOTIFY payload through its notification queue, which can spill to
 * disk: the summaries are sealed under the user's data key like every health value at rest
 * (SPECIFICATION.md §6), bound to the user.
 */

/**
 * Plaintext bytes carried at most. A payload must stay under PostgreSQL's 8,000 bytes: base64 of
 * this much (with the envelope's 29) and the user id and collections stay below 7,700. A day's
 * summary is 40–400 bytes, so this holds two weeks of them; days beyond it are only invalidated.
 */
export const PUSH_BUDGET_BYTES = 5_600;

/** Most days pushed: a person looks at today and a few days before it. */
export const MAX_PUSHED_DAYS = 16;

const pushAad = (userId: string) => rowAad('summary-push', userId);

/**
 * Seals the summaries of `days` (read inside the worker's transaction, so after its own writes)
 * for the NOTIFY: the latest days first, as many as fit in the budget. Undefined when none fit.
 */
export async function sealSummaryPush(
  db: Queryable,
  dataKey: Buffer,
  userId: string,
  days: readonly LocalDate[],
): Promise<string | undefined> {
  const latest = [...new Set(days)].sort().reverse().slice(0, MAX_PUSHED_DAYS);
  if (latest.length === 0) return undefined;
  const jsons = await readDailySummaries(
    db,
    latest.map((day) => ({ userId, day, dataKey })),
  );
  // A day that does not open is left out: it is only invalidated, and its readers will see why.
  const readable = latest.flatMap((day, i) => {
    const json = jsons[i];
    return typeof json === 'string' ? [[day, json] as const] : [];
  });
  const plain = pushPlaintext(readable);
  return plain && seal(dataKey, Buffer.from(plain), pushAad(userId)).toString('base64');
}

/**
 * `{date: summary, …}` for the leading entries whose text fits in PUSH_BUDGET_BYTES (UTF-8);
 * undefined when not even the first fits.
 */
export function pushPlaintext(
  entries: ReadonlyArray<readonly [string, string]>,
): string | undefined {
  const parts: string[] = [];
  let bytes = 2;
  for (const [day, json] of entries) {
    const part = `${JSON.stringify(day)}:${json}`;
    const size = Buffer.byteLength(part) + (parts.length > 0 ? 1 : 0);
    if (bytes + size > PUSH_BUDGET_BYTES) break;
    parts.push(part);
    bytes += size;
  }
  return parts.length > 0 ? `{${parts.join(',')}}` : undefined;
}

/** The pushed summaries by date, each as the JSON the route sends. Throws if it does not open. */
export function openSummaryPush(
  dataKey: Buffer,
  userId: string,
  sealed: string,
): Map<string, string> {
  const plain = open(dataKey, Buffer.from(sealed, 'base64'), pushAad(userId));
  const byDate = JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
  return new Map(Object.entries(byDate).map(([date, summary]) => [date, JSON.stringify(summary)]));
}
