import { LRUCache } from 'lru-cache';
import { AppError } from '../errors.js';
import type { Queryable } from '../db/pool.js';
import { DecryptionError, generateDataKey, unwrapUserKey, wrapUserKey } from './envelope.js';

export interface KeyringOptions {
  /** How long an unwrapped key stays in memory; bounds how long another instance may keep
   *  using a key after the account was erased (erasure also broadcasts a forget). */
  ttlMs?: number;
  maxEntries?: number;
  /**
   * Master keys being rotated away from: user keys they wrapped still open (see
   * rotate-user-keys.ts, which rewraps them under the current one).
   */
  previousMasterKeys?: readonly Buffer[];
}

/** What the rotation sweep does with one wrapped user key. */
export type Rewrap =
  { kind: 'current' } | { kind: 'rewrapped'; wrapped: Buffer } | { kind: 'unreadable' };

/**
 * Holds the master key and a small in-memory cache of unwrapped per-user data keys, bounded by
 * `lru-cache` (the least recently used key goes first) and by the TTL.
 */
export class Keyring {
  readonly #masterKey: Buffer;
  readonly #previousKeys: readonly Buffer[];
  readonly #cache: LRUCache<string, Buffer>;

  constructor(masterKey: Buffer, options: KeyringOptions = {}) {
    if (masterKey.length !== 32) throw new Error('The master key is 32 bytes');
    this.#masterKey = Buffer.from(masterKey);
    this.#previousKeys = (options.previousMasterKeys ?? []).map((key) => {
      if (key.length !== 32) throw new Error('A previous master key is 32 bytes');
      return Buffer.from(key);
    });
    this.#cache = new LRUCache<string, Buffer>({
      max: options.maxEntries ?? 10_000,
      ttl: options.ttlMs ?? 10 * 60_000,
    });
  }

  /** The user's data key. Throws `not-found` for an unknown or erased user. */
  async getUserKey(db: Queryable, userId: string): Promise<Buffer> {
    const cached = this.#cache.get(userId);
    if (cached) return cached;
    const res = await db.query<{ wrapped_key: Buffer | null }>(
      'SELECT wrapped_key FROM users WHERE id = $1',
      [userId],
    );
    const wrapped = res.rows[0]?.wrapped_key;
    if (!wrapped) throw new AppError('not-found', 'No such user');
    const key = this.#unwrap(userId, wrapped)?.key;
    if (!key) throw new DecryptionError('No configured master key opens this user key');
    this.#remember(userId, key);
    return key;
  }

  /** For the rotation sweep: the user key wrapped under the current master key, if it is not. */
  rewrap(userId: string, wrapped: Uint8Array): Rewrap {
    const opened = this.#unwrap(userId, wrapped);
    if (!opened) return { kind: 'unreadable' };
    if (opened.current) return { kind: 'current' };
    return { kind: 'rewrapped', wrapped: wrapUserKey(this.#masterKey, userId, opened.key) };
  }

  /** The user key, and whether the current master key (not a previous one) wrapped it. */
  #unwrap(userId: string, wrapped: Uint8Array): { key: Buffer; current: boolean } | null {
    for (const masterKey of [this.#masterKey, ...this.#previousKeys]) {
      try {
        return {
          key: unwrapUserKey(masterKey, userId, wrapped),
          current: masterKey === this.#masterKey,
        };
      } catch (err) {
        if (!(err instanceof DecryptionError)) throw err;
      }
    }
    return null;
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

  /** How many unwrapped keys are in memory (for the bound's test). */
  get cachedKeys(): number {
    return this.#cache.size;
  }

  #remember(userId: string, key: Buffer): void {
    this.#cache.set(userId, key);
  }
}
