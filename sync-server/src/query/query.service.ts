import {
  daysBetweenLocalDates,
  isoWeekStartDate,
  localDateOf,
  monthStartDate,
  summaryToAggregate,
} from '@hearth/core';
import { type AggregatesQuery, type AggregatesResponse, type LocalDate } from '@hearth/schema';
import { AppError } from '../errors.js';
import type { Pool } from '../db/pool.js';
import type { Keyring } from '../crypto/keyring.js';
import { openSummary } from '../rollups/rollup-codec.js';
import { findRollups } from '../rollups/rollups.repository.js';
import { computeHourAggregates } from './aggregates-hours.js';
import type { SummaryCache } from './summary-cache.js';
import { SummaryLoader } from './summary-loader.js';
import { openSummaryPush } from './summary-push.js';

export interface QueryDeps {
  pool: Pool;
  keyring: Keyring;
  cache: SummaryCache;
  now?: () => number;
}

export interface QueryUser {
  id: string;
  timeZone: string;
}

/**
 * The day's value of every type with data, for the user's local date (default: today there), as
 * the JSON the route sends. Cached as that text: a dashboard asks for the same day over and over
 * until the worker announces new rollups, and a hit then costs no query, no decryption and no
 * serialisation.
 */
export async function getDailySummaryJson(
  deps: QueryDeps,
  user: QueryUser,
  date: LocalDate | undefined,
): Promise<string> {
  const day = date ?? localDateOf((deps.now ?? Date.now)(), user.timeZone);
  return deps.cache.get(user.id, day) ?? readDailySummaryJson(deps, user.id, day);
}

/** One loader per cache, shared by the route and the NOTIFY warm so their misses coalesce. */
const loaders = new WeakMap<SummaryCache, SummaryLoader>();

/** The summary of one date from the rollups, stored in the cache unless a change came meanwhile. */
function readDailySummaryJson(deps: QueryDeps, userId: string, day: string): Promise<string> {
  let loader = loaders.get(deps.cache);
  if (!loader) {
    loader = new SummaryLoader(deps);
    loaders.set(deps.cache, loader);
  }
  return loader.load(userId, day);
}

/**
 * After each of the worker's rollup NOTIFYs: stores the day summaries it carried, and re-reads
 * the other summaries and aggregates this instance had cached for that person, so that a read
 * after the worker's rollup is a hit (SPECIFICATION.md §9).
 */
export function warmSummariesAfterRollups(deps: QueryDeps): void {
  deps.cache.acceptPushesWith(async (userId, sealed) =>
    openSummaryPush(await deps.keyring.getUserKey(deps.pool, userId), userId, sealed),
  );
  deps.cache.warmWith((userId, key) => {
    const query = aggregatesQueryOfKey(key);
    return query
      ? readAggregatesJson(deps, userId, query)
      : readDailySummaryJson(deps, userId, key);
  });
}

/**
 * The cache key of an aggregates query, next to the summaries' dates in the same per-user cache
 * (so one NOTIFY invalidates and re-warms both). Dates never start with '{', so keys cannot meet.
 */
export function aggregatesCacheKey(query: AggregatesQuery): string {
  const { types, period, startDate, endDate } = query;
  return JSON.stringify({ types, period, startDate, endDate });
}

function aggregatesQueryOfKey(key: string): AggregatesQuery | null {
  return key.startsWith('{') ? (JSON.parse(key) as AggregatesQuery) : null;
}

/** Longest range per period, so one request cannot decrypt a user's whole history hour by hour. */
export const MAX_RANGE_DAYS = { hour: 92, day: 3660, week: 3660, month: 3660 } as const;

/**
 * Buckets of the chosen period overlapping the local dates [startDate, endDate], both whole:
 * weeks and months are labelled by their first day, so they start at most one period earlier.
 */
export async function getAggregatesJson(
  deps: QueryDeps,
  userId: string,
  query: AggregatesQuery,
): Promise<string> {
  // Hours are computed from the series, which a fold can change without any stored rollup
  // changing (a sample moved within its day), so no rollup NOTIFY would invalidate a cached hour.
  if (query.period === 'hour') return JSON.stringify(await getAggregates(deps, userId, query));
  const cached = deps.cache.get(userId, aggregatesCacheKey(query));
  return cached ?? readAggregatesJson(deps, userId, query);
}

/** The aggregates as JSON, stored in the cache unless a change came meanwhile. */
async function readAggregatesJson(
  deps: QueryDeps,
  userId: string,
  query: AggregatesQuery,
): Promise<string> {
  const generation = deps.cache.generation(userId);
  const json = JSON.stringify(await getAggregates(deps, userId, query));
  deps.cache.set(userId, aggregatesCacheKey(query), generation, json);
  return json;
}

/** The aggregates of one query, read from the rollups, hours computed from the series (no cache). */
export async function getAggregates(
  deps: QueryDeps,
  userId: string,
  query: AggregatesQuery,
): Promise<AggregatesResponse> {
  const { types, period, startDate, endDate } = query;
  if (daysBetweenLocalDates(startDate, endDate) + 1 > MAX_RANGE_DAYS[period]) {
    throw new AppError(
      'invalid-request',
      `A ${period} range may span at most ${MAX_RANGE_DAYS[period]} days`,
    );
  }
  const fromDate =
    period === 'week'
      ? isoWeekStartDate(startDate)
      : period === 'month'
        ? monthStartDate(startDate)
        : startDate;
  const dataKey = await deps.keyring.getUserKey(deps.pool, userId);
  if (period === 'hour') {
    return computeHourAggregates(deps.pool, dataKey, userId, types, startDate, endDate);
  }
  const rows = await findRollups(deps.pool, userId, {
    types,
    periods: [period],
    fromDate,
    toDate: endDate,
  });
  const result: AggregatesResponse = {};
  for (const type of types) result[type] = [];
  for (const row of rows) {
    const s = openSummary(dataKey, userId, row, row.summary);
    result[row.type]?.push(summaryToAggregate(row.type, period, row.localStart, s));
  }
  return result;
}
