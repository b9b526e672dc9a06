import { AppError } from '../errors.js';
import type { Queryable } from '../db/pool.js';
import { generateDataKey, unwrapUserKey, wrapUserKey } from './envelope.js';

export interface KeyringOptions {
  /** How long an unwrapped key stays in memory; bounds how long another instance may keep
   *  using a key after the account was erased (erasure also broadcasts a forget). */
  ttlMs?: number;
  maxEntries?: number;
}

interface CacheEntry {
  key: Buffer;
  expiresAt: number;
}

/** Holds the master key and a small in-memory cache of unwrapped per-user data keys. */
export class Keyring {
  readonly #masterKey: Buffer;
  readonly #cache = new Map<string, CacheEntry>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  constructor(masterKey: Buffer, options: KeyringOptions = {}) {
    if (masterKey.length !== 32) throw new Error('The master key is 32 bytes');
    this.#masterKey = Buffer.from(masterKey);
    this.#ttlMs = options.ttlMs ?? 10 * 60_000;
    this.#maxEntries = options.maxEntries ?? 10_000;
  }

  /** The user's data key. Throws `not-found` for an unknown or erased user. */
  async getUserKey(db: Queryable, userId: string): Promise<Buffer> {
    const cached = this.#cache.get(userId);
    if (cached && cached.expiresAt > Date.now()) return cached.key;
    const res = await db.query<{ wrapped_key: Buffer | null }>(
      'SELECT wrapped_key FROM users WHERE id = $1',
      [userId],
    );
    const wrapped = res.rows[0]?.wrapped_key;
    if (!wrapped) throw new AppError('not-found', 'No such user');
    const key = unwrapUserKey(this.#masterKey, userId, wrapped);
    this.#remember(userId, key);
    return key;
  }

  /** Generates the user's data key and stores it wrapped; call when creating the user row. */
  wrapNewUserKey(userId: string): { key: Buffer; wrapped: Buffer } {
    const key = generateDataKey();
    return { key, wrapped: wrapUserKey(this.#masterKey, userId, key) };
  }

  /** Generates and stores a data key for an existing user row (which must have none). */
  async createUserKey(db: Queryable, userId: string): Promise<Buffer> {
    const { key, wrapped } = this.wrapNewUserKey(userId);
    const res = await db.query(
      'UPDATE users SET wrapped_key = $2 WHERE id = $1 AND wrapped_key IS NULL AND erased_at IS NULL',
      [userId, wrapped],
    );
    if (res.rowCount === 0) throw new AppError('not-found', 'No such user without a key');
    this.#remember(userId, key);
    return key;
  }

  /**
   * Erases the wrapped key and marks the user row erased (no email, no password): from then on
   * nothing of the user's can be decrypted. Run it in the account-deletion transaction.
   */
  async destroyUserKey(db: Queryable, userId: string): Promise<void> {
    await db.query(
      `UPDATE users SET wrapped_key = NULL, email = NULL, password_hash = NULL, erased_at = now()
        WHERE id = $1 AND erased_at IS NULL`,
      [userId],
    );
    this.forget(userId);
  }

  /** Drops a cached key (an erasure seen on another instance). */
  forget(userId: string): void {
    this.#cache.delete(userId);
  }

  #remember(userId: string, key: Buffer): void {
    if (this.#cache.size >= this.#maxEntries) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.#cache.keys().next();
      if (!oldest.done) this.#cache.delete(oldest.value);
    }
    this.#cache.set(userId, { key, expiresAt: Date.now() + this.#ttlMs });
  }
}
