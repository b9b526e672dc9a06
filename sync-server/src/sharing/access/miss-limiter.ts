import type { Queryable } from '../../db/pool.js';

export interface MissLimit {
  /** Misses a client may make in one window; the next request is refused. */
  maxMisses: number;
  windowMs: number;
}

/** DESIGN §6: a client that misses 30 codes in a minute gets 429s until the minute passes. */
export const SHARE_CODE_MISS_LIMIT: MissLimit = { maxMisses: 30, windowMs: 60_000 };

/**
 * Counts share-code misses (unknown, expired, revoked) per client in fixed windows that open at
 * the client's first miss. Hits are never counted, so a clinician re-opening a valid link is never
 * slowed down. The counters live in PostgreSQL so every API instance shares one budget.
 */
export class ShareCodeMissLimiter {
  readonly #db: Queryable;
  readonly #limit: MissLimit;
  readonly #now: () => number;
  #lastPurgeMs = 0;

  constructor(db: Queryable, options: { limit?: MissLimit; now?: () => number } = {}) {
    this.#db = db;
    this.#limit = options.limit ?? SHARE_CODE_MISS_LIMIT;
    this.#now = options.now ?? Date.now;
  }

  /** Milliseconds until the client may try again; 0 when it may go ahead now. */
  async blockedForMs(clientKey: string): Promise<number> {
    const res = await this.#db.query<{ start_ms: number; misses: number }>(
      `SELECT (extract(epoch FROM window_start) * 1000)::float8 AS start_ms, misses
         FROM share_code_misses WHERE client_key = $1`,
      [clientKey],
    );
    const row = res.rows[0];
    if (!row || row.misses < this.#limit.maxMisses) return 0;
    return Math.max(0, row.start_ms + this.#limit.windowMs - this.#now());
  }

  /** Records one miss: the first in a window (or after it expired) opens a new window. */
  async recordMiss(clientKey: string): Promise<void> {
    const now = this.#now();
    await this.#db.query(
      `INSERT INTO share_code_misses AS m (client_key, window_start, misses)
       VALUES ($1, to_timestamp($2::float8 / 1000), 1)
       ON CONFLICT (client_key) DO UPDATE SET
         misses = CASE WHEN m.window_start <= to_timestamp(($2::float8 - $3) / 1000)
                       THEN 1 ELSE m.misses + 1 END,
         window_start = CASE WHEN m.window_start <= to_timestamp(($2::float8 - $3) / 1000)
                             THEN EXCLUDED.window_start ELSE m.window_start END`,
      [clientKey, now, this.#limit.windowMs],
    );
    await this.#purgeExpired(now);
  }

  /** Drops finished windows, at most once per window length per process. */
  async #purgeExpired(now: number): Promise<void> {
    if (now - this.#lastPurgeMs < this.#limit.windowMs) return;
    this.#lastPurgeMs = now;
    await this.#db.query(
      'DELETE FROM share_code_misses WHERE window_start <= to_timestamp(($1::float8 - $2) / 1000)',
      [now, this.#limit.windowMs],
    );
  }
}
