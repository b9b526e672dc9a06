import type { Queryable } from '../db/pool.js';

/**
 * The user's rollup watermark (sync-server/SPEC.md R15): the highest position p such that every
 * write at or below p has been folded into series and rolled up. A write queues its dirty days
 * with the change position it reached (`since_position`, rollup-queue.repository.ts), so while a
 * day waits, nothing from its write on is covered; with an empty queue everything is.
 *
 * One statement, one snapshot: by R14 the queue rows of every committed write are visible with
 * its positions, and no uncommitted write's positions are counted in `change_seq` yet. Dead
 * letters stay in the queue, so the watermark honestly waits for them (README, "Dead letters").
 */
export async function rolledUpPosition(db: Queryable, userId: string): Promise<number> {
  const res = await db.query<{ rolled_up_to: string | number }>(
    `SELECT GREATEST(0, LEAST(u.change_seq,
              (SELECT min(q.since_position) - 1 FROM rollup_queue q WHERE q.user_id = u.id)))
              AS rolled_up_to
       FROM users u WHERE u.id = $1`,
    [userId],
  );
  return Number(res.rows[0]?.rolled_up_to ?? 0);
}
