import type { Queryable } from '../../db/pool.js';

export interface StoredCounts {
  users: number;
  devices: number;
  series: number;
  samples: number;
}

/**
 * Live rows only: erased users, deleted devices and tombstoned series are not counted. Samples
 * are the stored (deduplicated) points: a re-sent sample replaces itself and counts once.
 * Exact counts scan the tables; fine for an admin page, not for a hot path.
 */
export async function countStoredData(db: Queryable): Promise<StoredCounts> {
  const res = await db.query<StoredCounts>(
    `SELECT (SELECT count(*) FROM users WHERE erased_at IS NULL)::bigint AS users,
            (SELECT count(*) FROM devices WHERE NOT deleted)::bigint AS devices,
            s.series, s.samples
       FROM (SELECT count(*)::bigint AS series, coalesce(sum(point_count), 0)::bigint AS samples
               FROM series WHERE NOT deleted) s`,
  );
  const row = res.rows[0];
  if (!row) throw new Error('count query returned no row');
  return row;
}
