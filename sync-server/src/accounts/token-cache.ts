import type { NotifyHub } from '../notify.js';

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * Remembers what a secret token (a session cookie, a device's bearer token) resolved to, by the
 * token's hash, for a few seconds: most requests then need no database round trip to
 * authenticate. It steps aside while the hub is not listening (a missed revocation could leave a
 * stale entry), subclasses drop entries on the revocations they care about, and the TTL bounds
 * staleness if a message is ever missed.
 */
export class TokenCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #hub: NotifyHub | undefined;
  readonly #userOf: (value: V) => string;
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  #unsubscribe: Array<() => void> = [];
  /** Bumped by every invalidation: a lookup that raced one must not cache its result. */
  #generation = 0;

  constructor(
    hub: NotifyHub | undefined,
    userOf: (value: V) => string,
    options: { ttlMs?: number; maxEntries?: number } = {},
  ) {
    this.#hub = hub;
    this.#userOf = userOf;
    this.#ttlMs = options.ttlMs ?? 30_000;
    this.#maxEntries = options.maxEntries ?? 20_000;
    if (hub) {
      this.#unsubscribe = [
        hub.onUserErased((userId) => this.forgetUser(userId)),
        hub.onResync(() => this.clear()),
      ];
    }
  }

  /** Subclasses: invalidations from the hub, undone by close(). */
  protected watch(unsubscribe: Array<() => void>): void {
    this.#unsubscribe.push(...unsubscribe);
  }

  #get(hashHex: string): V | undefined {
    if (!this.#hub?.listening) return undefined;
    const entry = this.#entries.get(hashHex);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(hashHex);
      return undefined;
    }
    return entry.value;
  }

  /** The cached value for the token with this hash, else `lookup`'s (cached when found). */
  async resolve(hash: Buffer, lookup: () => Promise<V | null>): Promise<V | null> {
    const key = hash.toString('hex');
    const cached = this.#get(key);
    if (cached !== undefined) return cached;
    const generation = this.#generation;
    const value = await lookup();
    if (value !== null) this.#set(key, value, generation);
    return value;
  }

  /** Caches a lookup that started at `generation`, unless an invalidation came in between. */
  #set(hashHex: string, value: V, generation: number): void {
    if (!this.#hub?.listening || generation !== this.#generation) return;
    if (this.#entries.size >= this.#maxEntries) this.#entries.clear();
    this.#entries.set(hashHex, { value, expiresAt: Date.now() + this.#ttlMs });
  }

  delete(hashHex: string): void {
    this.#generation++;
    this.#entries.delete(hashHex);
  }

  clear(): void {
    this.#generation++;
    this.#entries.clear();
  }

  forgetUser(userId: string): void {
    this.#generation++;
    for (const [key, entry] of this.#entries) {
      if (this.#userOf(entry.value) === userId) this.#entries.delete(key);
    }
  }

  close(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    this.#entries.clear();
  }
}
