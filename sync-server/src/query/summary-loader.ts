import type { Queryable } from '../db/pool.js';
import type { Keyring } from '../crypto/keyring.js';
import type { SummaryCache } from './summary-cache.js';
import { readDailySummaries, type DayRef } from './summary-reader.js';

export interface SummaryLoaderDeps {
  pool: Queryable;
  keyring: Keyring;
  cache: SummaryCache;
  /** Most pairs one query reads (default 64); more waiting misses go out as several queries. */
  maxBatch?: number;
}

interface Waiting {
  ref: DayRef;
  generation: number;
  resolve: (json: string) => void;
  reject: (err: unknown) => void;
}

/**
 * Reads daily summaries that missed the cache. Misses that arrive in the same turn of the event
 * loop go to PostgreSQL as ONE query (20 clients missing at once were 20 round trips, each paying
 * a backend wake-up and a socket write on both sides: most of a miss's CPU on this machine,
 * BENCHMARKS.md), and a miss for a pair already being read at the same cache generation waits for
 * that read instead of sending its own. Each result is stored in the cache at the generation
 * captured before its query, so a NOTIFY that arrived meanwhile keeps it out (summary-cache.ts).
 */
export class SummaryLoader {
  readonly #deps: SummaryLoaderDeps;
  readonly #maxBatch: number;
  #waiting: Waiting[] = [];
  #scheduled = false;
  readonly #inFlight = new Map<string, { generation: number; promise: Promise<string> }>();

  constructor(deps: SummaryLoaderDeps) {
    this.#deps = deps;
    this.#maxBatch = deps.maxBatch ?? 64;
  }

  /** The summary of `day` as the route's JSON, read from the rollups and stored in the cache. */
  async load(userId: string, day: string): Promise<string> {
    const dataKey = await this.#deps.keyring.getUserKey(this.#deps.pool, userId);
    const generation = this.#deps.cache.generation(userId);
    const flightKey = `${userId} ${day}`;
    const flying = this.#inFlight.get(flightKey);
    // Joining a read sent before a NOTIFY would answer with what the NOTIFY replaced.
    if (flying && flying.generation === generation) return flying.promise;
    const promise = new Promise<string>((resolve, reject) => {
      this.#waiting.push({ ref: { userId, day, dataKey }, generation, resolve, reject });
    });
    this.#inFlight.set(flightKey, { generation, promise });
    const forget = () => {
      if (this.#inFlight.get(flightKey)?.promise === promise) this.#inFlight.delete(flightKey);
    };
    promise.then(forget, forget);
    this.#schedule();
    return promise;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // After the poll phase that delivered this request, so every request that arrived with it
    // has reached its miss too; an idle server adds no more than that turn.
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    const waiting = this.#waiting;
    this.#waiting = [];
    for (let i = 0; i < waiting.length; i += this.#maxBatch) {
      void this.#read(waiting.slice(i, i + this.#maxBatch));
    }
  }

  async #read(batch: readonly Waiting[]): Promise<void> {
    try {
      const jsons = await readDailySummaries(
        this.#deps.pool,
        batch.map((w) => w.ref),
      );
      batch.forEach((w, i) => {
        const json = jsons[i];
        if (typeof json !== 'string') return w.reject(json);
        this.#deps.cache.set(w.ref.userId, w.ref.day, w.generation, json);
        w.resolve(json);
      });
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }
}
