import type { Pool, PoolClient } from '../db/pool.js';
import type { Keyring } from '../crypto/keyring.js';
import type { NotifyHub } from '../notify.js';
import { runRollupJob, type RollupJobResult } from './rollup-job.js';
import { runFoldJob, type FoldJobResult } from './fold-job.js';
import { runHousekeeping } from './housekeeping.js';
import { DEFAULT_RETRY_POLICY, type JobKind, type RetryPolicy } from './job-failure.js';

/**
 * Queue rows (type, day) one job claims: about six days of every type. Bigger claims spend less
 * on the day of margin loaded around each run of days; smaller ones hold the user's write lock
 * (which that user's ingest waits for) for less time.
 */
export const DEFAULT_BATCH_DAYS = 62;

/**
 * Inbox rows (device batches, usually 1,000 samples) one fold takes. A user's consecutive batches
 * mostly touch the same series, so folding several at once rewrites each series once; but a
 * person who just synced waits for the folds of everybody whose batches are older, so big folds
 * cost visibility (BENCHMARKS.md: p99 0.57 s with 16, 0.43 s with 4, at 44,000 samples/s).
 */
export const DEFAULT_FOLD_BATCHES = 4;

/** What one `runOnce` did: folded inbox batches, or recomputed dirty days. */
export type WorkerJobResult =
  ({ kind: 'fold' } & FoldJobResult) | ({ kind: 'rollup' } & RollupJobResult);

/** A fold or rollup job that failed on its data and was rolled back (no health value in it). */
export interface JobFailureReport {
  kind: JobKind;
  userId: string;
  reason: string;
  /** Batches or days this failure set aside as dead letters (0 while they are still retried). */
  deadLetters: number;
}

interface WorkerLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export interface RollupWorkerOptions {
  pool: Pool;
  keyring: Keyring;
  /** Wakes the worker as soon as a writer commits queue rows (else it only polls). */
  notifyHub?: NotifyHub;
  log?: WorkerLogger;
  /** Fallback polling when no notification arrives (missed, or no hub). */
  pollIntervalMs?: number;
  /** Default DEFAULT_BATCH_DAYS. */
  batchDays?: number;
  now?: () => number;
  /** Called after every committed rollup job, for metrics. */
  onJob?: (result: RollupJobResult, durationMs: number) => void;
  /** Called after every committed fold, for metrics. */
  onFold?: (result: FoldJobResult, durationMs: number) => void;
  /** Default DEFAULT_FOLD_BATCHES. */
  foldBatches?: number;
  /** Tries before a batch or a day is set aside as a dead letter; default DEFAULT_RETRY_POLICY. */
  retry?: RetryPolicy;
  /** Called after every job that failed on its data, for metrics. */
  onFailure?: (report: JobFailureReport) => void;
  beforeCommit?: (client: PoolClient) => Promise<void>;
  /** How often an idle worker deletes expired sessions and idempotency records. */
  housekeepingIntervalMs?: number;
}

/**
 * Runs jobs until stopped: whenever woken by a NOTIFY, and every poll interval. Two kinds of
 * job: folding waiting device batches into series (which creates rollup work), and rolling up
 * dirty days. Any number of workers (in-process or `worker-main.ts`) can run against one
 * database: claims never overlap.
 */
export class RollupWorker {
  readonly #opts: RollupWorkerOptions;
  #running = false;
  #loop: Promise<void> | null = null;
  #signalled = false;
  #wake: (() => void) | null = null;
  #unsubscribe: Array<() => void> = [];
  #lastHousekeeping = 0;
  /** The user whose batches the last fold wrote into series: their rollups run next. */
  #followUp: string | null = null;
  /** Whether the next job tries a fold before a rollup (they alternate). */
  #foldFirst = true;

  constructor(options: RollupWorkerOptions) {
    this.#opts = options;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    const hub = this.#opts.notifyHub;
    if (hub) {
      this.#unsubscribe = [
        hub.onRollupWork(() => this.#signal()),
        hub.onResync(() => this.#signal()),
      ];
    }
    this.#loop = this.#run();
  }

  /** Stops after the job in progress (if any) has committed or rolled back. */
  async stop(): Promise<void> {
    this.#running = false;
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    this.#signal();
    await this.#loop;
    this.#loop = null;
  }

  /** Runs one job now (tests, benchmarks); null when there was nothing to do. */
  async runOnce(): Promise<WorkerJobResult | null> {
    // Right after a fold, the days it dirtied go first: the person who just synced sees the new
    // numbers one job later, not after every other person's queued days.
    const followUp = this.#followUp;
    this.#followUp = null;
    if (followUp) {
      const rollup = await this.#rollup(followUp);
      if (rollup) return rollup;
    }
    // Otherwise folds and the longest-waiting rollups take turns, so that under sustained ingest
    // neither can starve the other (a follow-up that found its user busy would otherwise wait
    // for a moment with no batch waiting at all).
    const foldFirst = this.#foldFirst;
    this.#foldFirst = !foldFirst;
    if (foldFirst) return (await this.#fold()) ?? (await this.#rollup());
    return (await this.#rollup()) ?? (await this.#fold());
  }

  async #fold(): Promise<WorkerJobResult | null> {
    const started = performance.now();
    const fold = await runFoldJob({
      pool: this.#opts.pool,
      keyring: this.#opts.keyring,
      maxBatches: this.#opts.foldBatches ?? DEFAULT_FOLD_BATCHES,
      retry: this.#opts.retry ?? DEFAULT_RETRY_POLICY,
      ...this.#hook(),
    });
    if (!fold) return null;
    if (fold.failure) {
      this.#reportFailure('fold', fold.userId, fold.failure);
      return { kind: 'fold', ...fold };
    }
    this.#opts.onFold?.(fold, performance.now() - started);
    if (fold.seriesWritten > 0) this.#followUp = fold.userId;
    return { kind: 'fold', ...fold };
  }

  async #rollup(onlyUser?: string): Promise<WorkerJobResult | null> {
    const started = performance.now();
    const rollup = await runRollupJob({
      pool: this.#opts.pool,
      keyring: this.#opts.keyring,
      now: this.#opts.now ?? Date.now,
      batchDays: this.#opts.batchDays ?? DEFAULT_BATCH_DAYS,
      retry: this.#opts.retry ?? DEFAULT_RETRY_POLICY,
      ...(onlyUser ? { onlyUser } : {}),
      ...this.#hook(),
    });
    if (!rollup) return null;
    if (rollup.failure) {
      this.#reportFailure('rollup', rollup.userId, rollup.failure);
      return { kind: 'rollup', ...rollup };
    }
    this.#opts.onJob?.(rollup, performance.now() - started);
    return { kind: 'rollup', ...rollup };
  }

  /** The job was rolled back and its rows wait a retry (or were set aside): the loop goes on. */
  #reportFailure(
    kind: JobKind,
    userId: string,
    failure: { reason: string; deadLetters: number },
  ): void {
    const report: JobFailureReport = { kind, userId, ...failure };
    const message =
      failure.deadLetters > 0
        ? 'worker job failed; set aside as dead letter'
        : 'worker job failed; will retry';
    this.#opts.log?.warn(report, message);
    this.#opts.onFailure?.(report);
  }

  #hook(): { beforeCommit?: (client: PoolClient) => Promise<void> } {
    const { beforeCommit } = this.#opts;
    return beforeCommit ? { beforeCommit } : {};
  }

  /** Runs jobs until the inbox and the queue are empty; returns how many ran. */
  async drain(): Promise<number> {
    let jobs = 0;
    while (await this.runOnce()) jobs++;
    return jobs;
  }

  async #housekeepIfDue(): Promise<void> {
    const interval = this.#opts.housekeepingIntervalMs ?? 10 * 60_000;
    if (Date.now() - this.#lastHousekeeping < interval) return;
    this.#lastHousekeeping = Date.now();
    try {
      const result = await runHousekeeping(this.#opts.pool);
      this.#opts.log?.debug({ ...result }, 'housekeeping done');
    } catch (err) {
      this.#opts.log?.error({ err }, 'housekeeping failed');
    }
  }

  #signal(): void {
    this.#signalled = true;
    this.#wake?.();
  }

  async #run(): Promise<void> {
    let failures = 0;
    while (this.#running) {
      let didWork = false;
      try {
        didWork = (await this.runOnce()) !== null;
        failures = 0;
      } catch (err) {
        failures++;
        this.#opts.log?.error({ err }, 'worker job failed; will retry');
      }
      if (!this.#running) break;
      if (didWork) continue;
      await this.#housekeepIfDue();
      const backoff = Math.min(30_000, (this.#opts.pollIntervalMs ?? 1000) * 2 ** failures);
      await this.#sleep(failures > 0 ? backoff : (this.#opts.pollIntervalMs ?? 1000));
    }
  }

  #sleep(ms: number): Promise<void> {
    if (this.#signalled) {
      this.#signalled = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      const wake = () => done();
      this.#wake = wake;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    }).then(() => {
      this.#wake = null;
      this.#signalled = false;
    });
  }
}
