import { LRUCache } from 'lru-cache';
import type { NotifyHub } from '../notify.js';

/** Just what the cache needs of the hub (tests drive it directly). */
export type SummaryCacheHub = Pick<
  NotifyHub,
  'listening' | 'onChange' | 'onResync' | 'onUserErased'
>;

/** A person browses a handful of dates and chart ranges; the most recently read are kept. */
const DATES_PER_USER = 64;
/** Dates re-read after a change: a dashboard shows today, a person may be looking at a few more. */
const WARMED_DATES = 4;
/** A backlog's rollups NOTIFY many times a second: re-read at most this often per user. */
const WARM_DELAY_MS = 50;

/** Reads a user's summary for a date the usual way (and so stores it in this cache). */
export type SummaryWarmer = (userId: string, date: string) => Promise<unknown>;

/** Opens the sealed summaries a rollup NOTIFY carried: the route's JSON by date. */
export type SummaryPushOpener = (userId: string, sealed: string) => Promise<Map<string, string>>;

/**
 * In-process cache of daily summaries and aggregates (keyed by date or by query), kept as the
 * JSON the route sends, invalidated by the
 * rollup worker's NOTIFY (so it stays right with several API instances). Only trusted while the
 * hub is listening: with the connection down a missed notification could leave a stale entry, so
 * the cache steps aside. Both maps are LRU-bounded (`lru-cache`), so neither the summaries nor
 * the per-user generations grow with the number of people who ever read one.
 *
 * Generations close the read/invalidate race: a reader captures the user's generation before
 * querying and may store its result only if it is unchanged. An invalidation sets the user's
 * generation to the next value of one counter, and an evicted generation raises the floor that
 * users without one read; so any invalidation after the capture makes the generation differ,
 * even when the user's entry was evicted in between.
 */
export class SummaryCache {
  readonly #entries: LRUCache<string, LRUCache<string, string>>;
  readonly #generations: LRUCache<string, number>;
  readonly #hub: SummaryCacheHub | undefined;
  #counter = 0;
  #floor = 0;
  #unsubscribe: Array<() => void> = [];
  #warmer: SummaryWarmer | undefined;
  #opener: SummaryPushOpener | undefined;
  readonly #warming = new Map<string, { dates: Set<string>; timer: NodeJS.Timeout }>();

  constructor(hub: SummaryCacheHub | undefined, options: { maxUsers?: number } = {}) {
    this.#hub = hub;
    const maxUsers = options.maxUsers ?? 5000;
    this.#entries = new LRUCache({ max: maxUsers });
    this.#generations = new LRUCache({
      // Users invalidated recently outnumber users with entries: keep many more of them (a few
      // MB), since each eviction raises the floor and so costs the reads in flight for users
      // without a generation their store (never a wrong answer).
      max: maxUsers * 20,
      dispose: (generation, _userId, reason) => {
        if (reason === 'evict') this.#floor = Math.max(this.#floor, generation);
      },
    });
    if (hub) {
      this.#unsubscribe = [
        hub.onChange((e) => {
          if (e.collections.includes('rollups') || e.collections.includes('settings')) {
            const dates = [...(this.#entries.peek(e.userId)?.keys() ?? [])].slice(0, WARMED_DATES);
            this.invalidate(e.userId);
            if (e.summaries) this.#accept(e.userId, e.summaries);
            this.#scheduleWarm(e.userId, dates);
          }
        }),
        hub.onResync(() => this.clear()),
        hub.onUserErased((userId) => this.invalidate(userId)),
      ];
    }
  }

  /**
   * After the worker's NOTIFY, re-read the dates this instance had cached for that user (the most
   * recently read first), so the person's next read is a hit instead of waiting on PostgreSQL.
   * Best effort: a warm that fails leaves a miss, which the read path handles as always.
   */
  warmWith(warmer: SummaryWarmer): void {
    this.#warmer = warmer;
  }

  /**
   * Stores the day summaries a rollup NOTIFY carried, at the generation its invalidation set (so
   * a later NOTIFY's invalidation wins). With the person's key in memory they are stored before
   * this instance handles another request; the dates they cover need no re-read.
   */
  acceptPushesWith(opener: SummaryPushOpener): void {
    this.#opener = opener;
  }

  #accept(userId: string, sealed: string): void {
    const opener = this.#opener;
    if (!opener || !this.#usable) return;
    const generation = this.generation(userId);
    opener(userId, sealed).then(
      (byDate) => {
        for (const [date, json] of byDate) this.set(userId, date, generation, json);
      },
      // Best effort, like the warm: a push that does not open leaves misses.
      () => undefined,
    );
  }

  #scheduleWarm(userId: string, dates: readonly string[]): void {
    if (!this.#warmer || dates.length === 0) return;
    const pending = this.#warming.get(userId);
    if (pending) {
      for (const date of dates) pending.dates.add(date);
      return;
    }
    const timer = setTimeout(() => void this.#warm(userId), WARM_DELAY_MS);
    timer.unref();
    this.#warming.set(userId, { dates: new Set(dates), timer });
  }

  async #warm(userId: string): Promise<void> {
    const pending = this.#warming.get(userId);
    this.#warming.delete(userId);
    const warmer = this.#warmer;
    if (!pending || !warmer || !this.#usable) return;
    for (const date of pending.dates) {
      // Stored since the invalidation (a pushed summary, a reader's miss): already fresh.
      if (this.#entries.peek(userId)?.has(date)) continue;
      await warmer(userId, date).catch(() => undefined);
    }
  }

  get #usable(): boolean {
    return this.#hub?.listening ?? false;
  }

  generation(userId: string): number {
    return this.#generations.get(userId) ?? this.#floor;
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
      byDate = new LRUCache({ max: DATES_PER_USER });
      this.#entries.set(userId, byDate);
    }
    byDate.set(date, summaryJson);
  }

  invalidate(userId: string): void {
    this.#counter += 1;
    this.#generations.set(userId, this.#counter);
    this.#entries.delete(userId);
  }

  /** Everything may have changed (the hub reconnected): no result read before may be stored. */
  clear(): void {
    this.#counter += 1;
    this.#floor = this.#counter;
    this.#generations.clear();
    this.#entries.clear();
  }

  close(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    for (const { timer } of this.#warming.values()) clearTimeout(timer);
    this.#warming.clear();
    this.#warmer = undefined;
    this.#opener = undefined;
  }
}
