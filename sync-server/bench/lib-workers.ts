import type { Queryable } from '../src/db/pool.js';
import { sleep } from './lib-stats.js';

/**
 * Waits until the workers have folded every inbox batch and emptied the rollup queue; returns
 * what was waiting when it started and how long it took.
 */
export async function waitForIdleWorkers(
  db: Queryable,
  pollMs = 200,
): Promise<{ samples: number; items: number; ms: number }> {
  const started = performance.now();
  let first: { samples: number; items: number } | null = null;
  for (;;) {
    const res = await db.query<{ samples: number; items: number }>(
      `SELECT (SELECT coalesce(sum(sample_count), 0) FROM ingest_inbox)::int AS samples,
              (SELECT count(*) FROM rollup_queue)::int AS items`,
    );
    const now = res.rows[0] ?? { samples: 0, items: 0 };
    first ??= now;
    if (now.samples === 0 && now.items === 0) return { ...first, ms: performance.now() - started };
    await sleep(pollMs);
  }
}
