import type { NotifyHub } from '../notify.js';
import type { SessionUser } from './sessions.repository.js';

interface Entry {
  user: SessionUser;
  expiresAt: number;
}

/**
 * Remembers resolved sessions for a few seconds: most requests of a signed-in user then need no
 * database round trip to authenticate. It steps aside while the hub is not listening, and drops
 * entries when any instance signs a session out, erases its user or changes the user's settings
 * (the zone is part of the session user). The TTL bounds staleness if a message is ever missed.
 */
export class SessionCache {
  readonly #entries = new Map<string, Entry>();
  readonly #hub: NotifyHub | undefined;
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  #unsubscribe: Array<() => void> = [];
  /** Bumped by every invalidation: a lookup that raced one must not cache its result. */
  #generation = 0;

  constructor(hub: NotifyHub | undefined, options: { ttlMs?: number; maxEntries?: number } = {}) {
    this.#hub = hub;
    this.#ttlMs = options.ttlMs ?? 30_000;
    this.#maxEntries = options.maxEntries ?? 20_000;
    if (hub) {
      this.#unsubscribe = [
        hub.onSessionRevoked((hashHex) => this.delete(hashHex)),
        hub.onUserErased((userId) => this.forgetUser(userId)),
        hub.onChange((e) => {
          if (e.collections.includes('settings')) this.forgetUser(e.userId);
        }),
        hub.onResync(() => this.clear()),
      ];
    }
  }

  get generation(): number {
    return this.#generation;
  }

  get(hashHex: string): SessionUser | undefined {
    if (!this.#hub?.listening) return undefined;
    const entry = this.#entries.get(hashHex);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(hashHex);
      return undefined;
    }
    return entry.user;
  }

  /** Caches a lookup that started at `generation`, unless an invalidation came in between. */
  set(hashHex: string, user: SessionUser, generation: number): void {
    if (!this.#hub?.listening || generation !== this.#generation) return;
    if (this.#entries.size >= this.#maxEntries) this.#entries.clear();
    this.#entries.set(hashHex, { user, expiresAt: Date.now() + this.#ttlMs });
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
      if (entry.user.id === userId) this.#entries.delete(key);
    }
  }

  close(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    this.#entries.clear();
  }
}
