import type { Queryable } from '../../db/pool.js';

export interface MissLimit {
  /** Misses a client may make in one window; the next request is refused. */
  maxMisses: number;
  windowMs: number;
}

/** A client that misses 30 codes in a minute gets 429s until the minute passes (README.md). */
export const SHARE_CODE_MISS_LIMIT: MissLimit = { maxMisses: 30, windowMs: 60_000 };

/**
 * Counts share-code misses (unknown, expired, revoked) per client in fixed windows that open at
 * the client's first attempt. The counters live in PostgreSQL so every API instance shares one
 * budget.
 *
 * Why a reservation instead of "check, then count the miss": checking and counting as two
 * statements let a concurrent burst pass the check before any of its misses were counted
 * (100 parallel requests got 49–64 guesses instead of 30). So every attempt takes one unit of the
 * budget up front in a single upsert, which PostgreSQL serialises on the client's row, and a hit
 * gives its unit back: hits still never count, and no burst gets more than `maxMisses` guesses.
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

  /**
   * Takes one attempt from the client's budget. Returns 0 when the attempt may go ahead, else the
   * milliseconds until the window ends (nothing was taken). The counter stops one above the limit,
   * so refused attempts do not extend anything.
   */
  async reserve(clientKey: string): Promise<number> {
    const now = this.#now();
    const res = await this.#db.query<{ start_ms: number; misses: number }>(
      `INSERT INTO share_code_misses AS m (client_key, window_start, misses)
       VALUES ($1, to_timestamp($2::float8 / 1000), 1)
       ON CONFLICT (client_key) DO UPDATE SET
         misses = CASE WHEN m.window_start <= to_timestamp(($2::float8 - $3) / 1000)
                       THEN 1 ELSE least(m.misses + 1, $4 + 1) END,
         window_start = CASE WHEN m.window_start <= to_timestamp(($2::float8 - $3) / 1000)
                             THEN EXCLUDED.window_start ELSE m.window_start END
       RETURNING (extract(epoch FROM window_start) * 1000)::float8 AS start_ms, misses`,
      [clientKey, now, this.#limit.windowMs, this.#limit.maxMisses],
    );
    await this.#purgeExpired(now);
    const row = res.rows[0];
    if (!row || row.misses <= this.#limit.maxMisses) return 0;
    return Math.max(1, row.start_ms + this.#limit.windowMs - now);
  }

  /**
   * Gives back the unit a successful attempt (a live code) reserved; a window left with no miss
   * is dropped (the table holds only positive counts).
   */
  async refund(clientKey: string): Promise<void> {
    await this.#db.query(
      `WITH emptied AS (
         DELETE FROM share_code_misses WHERE client_key = $1 AND least(misses, $2) <= 1
       )
       UPDATE share_code_misses SET misses = least(misses, $2) - 1
        WHERE client_key = $1 AND least(misses, $2) > 1`,
      [clientKey, this.#limit.maxMisses],
    );
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
