import type { NotifyHub } from '../notify.js';

/**
 * In-process cache of daily summaries, kept as the JSON the route sends, invalidated by the
 * rollup worker's NOTIFY (so it stays right with several API instances). Only trusted while the
 * hub is listening: with the connection down a missed notification could leave a stale entry, so
 * the cache steps aside.
 *
 * A per-user generation closes the read/invalidate race: a reader captures the generation before
 * querying and may store its result only if no invalidation arrived in between.
 */
export class SummaryCache {
  readonly #entries = new Map<string, Map<string, string>>();
  readonly #generations = new Map<string, number>();
  readonly #maxUsers: number;
  readonly #hub: NotifyHub | undefined;
  #unsubscribe: Array<() => void> = [];

  constructor(hub: NotifyHub | undefined, options: { maxUsers?: number } = {}) {
    this.#hub = hub;
    this.#maxUsers = options.maxUsers ?? 5000;
    if (hub) {
      this.#unsubscribe = [
        hub.onChange((e) => {
          if (e.collections.includes('rollups') || e.collections.includes('settings')) {
            this.invalidate(e.userId);
          }
        }),
        hub.onResync(() => this.clear()),
        hub.onUserErased((userId) => this.invalidate(userId)),
      ];
    }
  }

  get #usable(): boolean {
    return this.#hub?.listening ?? false;
  }

  generation(userId: string): number {
    return this.#generations.get(userId) ?? 0;
  }

  get(userId: string, date: string): string | undefined {
    if (!this.#usable) return undefined;
    return this.#entries.get(userId)?.get(date);
  }

  /** Stores a result read at `generation`, unless the user's data changed since. */
  set(userId: string, date: string, generation: number, summaryJson: string): void {
    if (!this.#usable || this.generation(userId) !== generation) return;
    let byDate = this.#entries.get(userId);
    if (!byDate) {
      if (this.#entries.size >= this.#maxUsers) {
        const oldest = this.#entries.keys().next();
        if (!oldest.done) this.#entries.delete(oldest.value);
      }
      byDate = new Map();
      this.#entries.set(userId, byDate);
    }
    // A user browses a handful of dates; keep the most recent few.
    if (byDate.size >= 64) byDate.clear();
    byDate.set(date, summaryJson);
  }

  invalidate(userId: string): void {
    this.#generations.set(userId, this.generation(userId) + 1);
    this.#entries.delete(userId);
  }

  clear(): void {
    for (const userId of this.#entries.keys()) this.invalidate(userId);
    this.#entries.clear();
  }

  close(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
  }
}
