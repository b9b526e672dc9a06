import { LRUCache } from 'lru-cache';
import type { NotifyHub } from '../notify.js';

/**
 * Remembers what a secret token (a session cookie, a device's bearer token) resolved to, by the
 * token's hash, for a few seconds: most requests then need no database round trip to
 * authenticate. It steps aside while the hub is not listening (a missed revocation could leave a
 * stale entry), subclasses drop entries on the revocations they care about, and the TTL bounds
 * staleness if a message is ever missed. `lru-cache` bounds it: past `maxEntries` the least
 * recently used token goes (not the whole cache, so a burst of new tokens does not send every
 * syncing device back to the database at once).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- lru-cache's own bound: any non-nullish value.
export class TokenCache<V extends {}> {
  readonly #entries: LRUCache<string, V>;
  readonly #hub: NotifyHub | undefined;
  readonly #userOf: (value: V) => string;
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
    this.#entries = new LRUCache<string, V>({
      max: options.maxEntries ?? 20_000,
      ttl: options.ttlMs ?? 30_000,
    });
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
    return this.#entries.get(hashHex);
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
    this.#entries.set(hashHex, value);
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
    // Collected first: deleting from the cache while walking it would skip entries.
    const keys = [...this.#entries.entries()].filter(([, value]) => this.#userOf(value) === userId);
    for (const [key] of keys) this.#entries.delete(key);
  }

  /** How many tokens are remembered (for the bound's test). */
  get size(): number {
    return this.#entries.size;
  }

  close(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    this.#entries.clear();
  }
}
