import { createHash } from 'node:crypto';
import type { Queryable } from '../db/pool.js';
import {
  clearLoginFailures,
  loginBlockedUntil,
  purgeForgottenFailures,
  takeLoginAttempt,
  type ThrottleSchedule,
} from './login-throttle.repository.js';

/**
 * Five free attempts, then a wait that doubles from 1 s up to 15 min: a person who mistypes a
 * few times never waits, a guesser gets ~4 guesses an hour once the wait is at its cap (the
 * per-client limit on the credential routes stops one client sooner). A cap, not a lockout: an
 * attacker who keeps an account blocked delays its owner by at most 15 minutes at a time.
 */
export const LOGIN_THROTTLE: ThrottleSchedule = {
  freeAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 3600_000,
};

export type LoginAttempt = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Per-account sign-in throttling with exponential backoff, shared by every API instance through
 * PostgreSQL. The key is derived from the email as typed (lower-cased by the schema), never from
 * the account row, so an address with no account is throttled exactly like one with an account.
 */
export class LoginThrottle {
  readonly #db: Queryable;
  readonly #schedule: ThrottleSchedule;
  readonly #now: () => number;
  #lastPurgeMs = 0;

  constructor(db: Queryable, options: { schedule?: ThrottleSchedule; now?: () => number } = {}) {
    this.#db = db;
    this.#schedule = options.schedule ?? LOGIN_THROTTLE;
    this.#now = options.now ?? Date.now;
  }

  static accountKey(email: string): Buffer {
    return createHash('sha256').update(`hearth/login/${email.toLowerCase()}`).digest();
  }

  /** Takes an attempt before the password is checked; refused while the account waits. */
  async attempt(email: string): Promise<LoginAttempt> {
    const key = LoginThrottle.accountKey(email);
    const now = this.#now();
    await this.#purge(now);
    if (await takeLoginAttempt(this.#db, key, now, this.#schedule)) return { allowed: true };
    const until = await loginBlockedUntil(this.#db, key);
    return { allowed: false, retryAfterMs: Math.max(1, (until ?? now) - now) };
  }

  /** The password was right: the account's count starts again. */
  async succeeded(email: string): Promise<void> {
    await clearLoginFailures(this.#db, LoginThrottle.accountKey(email));
  }

  /** Drops accounts quiet for `forgetAfterMs`, at most once an hour per process. */
  async #purge(now: number): Promise<void> {
    if (now - this.#lastPurgeMs < 3600_000) return;
    this.#lastPurgeMs = now;
    await purgeForgottenFailures(this.#db, now, this.#schedule.forgetAfterMs);
  }
}
