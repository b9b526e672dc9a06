import type { AggregationPeriod, HealthDataType, LocalDate } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import type { RollupKey } from './rollup-codec.js';
import { allocatePositions, lockUserWrites } from '../db/positions.js';

/**
 * Tombstones every live rollup of the user, one fresh position each (after a change of zone,
 * every bucket boundary moves). Returns how many rows were tombstoned.
 */
export async function tombstoneAllRollups(db: Queryable, userId: string): Promise<number> {
  await lockUserWrites(db, userId);
  const count = await db.query<{ n: number }>(
    'SELECT count(*)::bigint AS n FROM rollups WHERE user_id = $1 AND NOT deleted',
    [userId],
  );
  const n = count.rows[0]?.n ?? 0;
  if (n === 0) return 0;
  const first = await allocatePositions(db, userId, n);
  await db.query(
    `WITH live AS (
       SELECT type, period, period_start,
              row_number() OVER (ORDER BY period, type, period_start) - 1 AS i
         FROM rollups WHERE user_id = $1 AND NOT deleted)
     UPDATE rollups r SET deleted = true, position = $2 + live.i, updated_at = now()
       FROM live
      WHERE r.user_id = $1 AND r.type = live.type AND r.period = live.period
        AND r.period_start = live.period_start`,
    [userId, first],
  );
  return n;
}

/** What the worker compares a fresh bucket with: a stored row without its replication fields. */
export interface StoredRollupState extends RollupKey {
  localStart: string;
  localDate: LocalDate;
  summary: Buffer;
  deleted: boolean;
}

export interface StoredRollup extends StoredRollupState {
  position: number;
  updatedAt: string;
}

export interface RollupWrite extends RollupKey {
  localStart: string;
  localDate: LocalDate;
  summary: Buffer;
  position: number;
  deleted: boolean;
}

interface DbRollup {
  type: HealthDataType;
  period: AggregationPeriod;
  start_ms: number;
  local_start: string;
  local_date: string;
  summary: Buffer;
  position: number;
  updated_at: Date;
  deleted: boolean;
}

const STATE_COLUMNS = `type, period, (extract(epoch FROM period_start) * 1000)::bigint AS start_ms,
  local_start, local_date, summary, deleted`;
const ROLLUP_COLUMNS = `${STATE_COLUMNS}, position, updated_at`;

function toState(r: Omit<DbRollup, 'position' | 'updated_at'>): StoredRollupState {
  return {
    type: r.type,
    period: r.period,
    startMs: r.start_ms,
    localStart: r.local_start,
    localDate: r.local_date,
    summary: r.summary,
    deleted: r.deleted,
  };
}

function toStored(r: DbRollup): StoredRollup {
  return { ...toState(r), position: r.position, updatedAt: r.updated_at.toISOString() };
}

export interface RollupFilter {
  types: readonly HealthDataType[];
  periods: readonly AggregationPeriod[];
  /** Inclusive range of the buckets' local dates. */
  fromDate: LocalDate;
  toDate: LocalDate;
  includeDeleted?: boolean;
}

/** Rollups by type, period and local-date range, ordered by type, period and start. */
export async function findRollups(
  db: Queryable,
  userId: string,
  filter: RollupFilter,
): Promise<StoredRollup[]> {
  // A named statement is parsed and planned once per connection: this is the query behind every
  // summary and chart that misses the cache.
  const res = await db.query<DbRollup>({
    name: filter.includeDeleted ? 'hearth-find-rollups-all' : 'hearth-find-rollups',
    text: `SELECT ${ROLLUP_COLUMNS} FROM rollups
      WHERE user_id = $1 AND type = ANY($2::text[]) AND period = ANY($3::text[])
        AND local_date BETWEEN $4 AND $5 ${filter.includeDeleted ? '' : 'AND NOT deleted'}
      ORDER BY type, period, period_start`,
    values: [userId, filter.types, filter.periods, filter.fromDate, filter.toDate],
  });
  return res.rows.map(toStored);
}

/**
 * Rollups of one type and period on exactly these local dates (live and tombstoned), without the
 * replication fields: the worker reads thousands of them per job only to compare.
 */
export async function findRollupsOnDates(
  db: Queryable,
  userId: string,
  type: HealthDataType,
  periods: readonly AggregationPeriod[],
  dates: readonly LocalDate[],
): Promise<StoredRollupState[]> {
  if (dates.length === 0) return [];
  const res = await db.query<Omit<DbRollup, 'position' | 'updated_at'>>(
    `SELECT ${STATE_COLUMNS} FROM rollups
      WHERE user_id = $1 AND type = $2 AND period = ANY($3::text[]) AND local_date = ANY($4::date[])`,
    [userId, type, periods, dates],
  );
  return res.rows.map(toState);
}

/**
 * Writes rollups in one statement, each with its own fresh position. A tombstone keeps the row
 * (and its sealed summary) with `deleted = true`.
 */
export async function upsertRollups(
  db: Queryable,
  userId: string,
  rows: readonly RollupWrite[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO rollups (user_id, type, period, period_start, local_start, local_date, summary,
                          position, deleted)
     SELECT $1::uuid, t.type, t.period, to_timestamp(t.start_ms / 1000.0), t.local_start,
            t.local_date, t.summary, t.position, t.deleted
       FROM unnest($2::text[], $3::text[], $4::float8[], $5::text[], $6::date[], $7::bytea[],
                   $8::bigint[], $9::boolean[])
         AS t(type, period, start_ms, local_start, local_date, summary, position, deleted)
     ON CONFLICT (user_id, type, period, period_start) DO UPDATE
       SET local_start = EXCLUDED.local_start, local_date = EXCLUDED.local_date,
           summary = EXCLUDED.summary, position = EXCLUDED.position,
           deleted = EXCLUDED.deleted, updated_at = now()`,
    [
      userId,
      rows.map((r) => r.type),
      rows.map((r) => r.period),
      rows.map((r) => r.startMs),
      rows.map((r) => r.localStart),
      rows.map((r) => r.localDate),
      rows.map((r) => r.summary),
      rows.map((r) => r.position),
      rows.map((r) => r.deleted),
    ],
  );
}
