import type { Pool, Queryable } from '../db/pool.js';
import type { Keyring } from './keyring.js';

export interface RotationProgress {
  /** Keys rewrapped under the current master key by this sweep. */
  rewrapped: number;
  /** Keys the current master key already wrapped. */
  current: number;
  /** Keys no configured master key opens (a wrong key in the configuration, or damage). */
  unreadable: number;
}

const BATCH = 500;
/** Any fixed number, the same in every instance: one sweep at a time across them. */
export const ROTATION_LOCK = 7_463_821;

/**
 * Rewraps, under the current master key, every user key that a previous master key wrapped: the
 * step that lets the old master key be destroyed. Users are read in id order, 500 at a time; each
 * batch is written in one statement that changes a row only if its wrapped key is still the one
 * read (an erasure or a concurrent sweep in between wins), so the sweep can be interrupted and run
 * again at any time. Only one instance sweeps at a time; the others return null at once.
 */
export async function rotateUserKeys(
  pool: Pool,
  keyring: Keyring,
  onBatch: (progress: RotationProgress) => void = () => undefined,
): Promise<RotationProgress | null> {
  const lock = await pool.connect();
  try {
    const got = await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
      ROTATION_LOCK,
    ]);
    if (!got.rows[0]?.ok) return null;
    try {
      // On the connection holding the lock: the embedded database's pool has only that one.
      return await sweep(lock, keyring, onBatch);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [ROTATION_LOCK]);
    }
  } finally {
    lock.release();
  }
}

async function sweep(
  db: Queryable,
  keyring: Keyring,
  onBatch: (progress: RotationProgress) => void,
): Promise<RotationProgress> {
  const progress: RotationProgress = { rewrapped: 0, current: 0, unreadable: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const res = await db.query<{ id: string; wrapped_key: Buffer }>(
      `SELECT id, wrapped_key FROM users WHERE id > $1 AND wrapped_key IS NOT NULL
        ORDER BY id LIMIT $2`,
      [after, BATCH],
    );
    if (res.rows.length === 0) return progress;
    const ids: string[] = [];
    const olds: Buffer[] = [];
    const news: Buffer[] = [];
    for (const row of res.rows) {
      const result = keyring.rewrap(row.id, row.wrapped_key);
      if (result.kind === 'rewrapped') {
        ids.push(row.id);
        olds.push(row.wrapped_key);
        news.push(result.wrapped);
      } else {
        progress[result.kind]++;
      }
    }
    if (ids.length > 0) {
      const written = await db.query(
        `UPDATE users u SET wrapped_key = t.new_key
           FROM unnest($1::uuid[], $2::bytea[], $3::bytea[]) AS t(id, old_key, new_key)
          WHERE u.id = t.id AND u.wrapped_key = t.old_key`,
        [ids, olds, news],
      );
      progress.rewrapped += written.rowCount ?? 0;
    }
    after = res.rows[res.rows.length - 1]?.id ?? after;
    onBatch({ ...progress });
  }
}
