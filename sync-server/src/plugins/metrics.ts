import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Pool } from '../db/pool.js';
import { rollupQueueStats } from '../rollups/rollup-queue.repository.js';
import { inboxStats } from '../ingest/inbox.repository.js';
import { deadLetterStats } from '../worker/dead-letters.repository.js';
import type { JobFailureReport } from '../worker/rollup-worker.js';

/** The route whose 200 responses carry `{ synced }`: the samples a device just stored. */
const INGEST_ROUTE = /\/devices\/:deviceId\/sync$/;
const RATE_WINDOW_SECONDS = 60;

/**
 * Samples accepted per second over the last minute, in this process: one counter per second in
 * a ring, so reading it never scans a list.
 */
export class IngestRateWindow {
  readonly #counts = new Array<number>(RATE_WINDOW_SECONDS).fill(0);
  readonly #seconds = new Array<number>(RATE_WINDOW_SECONDS).fill(-1);
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  add(samples: number): void {
    const second = Math.floor(this.#now() / 1000);
    const slot = second % RATE_WINDOW_SECONDS;
    if (this.#seconds[slot] !== second) {
      this.#seconds[slot] = second;
      this.#counts[slot] = 0;
    }
    this.#counts[slot] = (this.#counts[slot] ?? 0) + samples;
  }

  perSecond(): number {
    const oldest = Math.floor(this.#now() / 1000) - RATE_WINDOW_SECONDS;
    let total = 0;
    for (let i = 0; i < RATE_WINDOW_SECONDS; i++) {
      if ((this.#seconds[i] ?? -1) > oldest) total += this.#counts[i] ?? 0;
    }
    return total / RATE_WINDOW_SECONDS;
  }
}

export interface HearthMetrics {
  registry: Registry;
  ingestRate: IngestRateWindow;
  /** Counts samples a device stored (also feeds the ingest rate). */
  recordIngest(samples: number): void;
  /** For RollupWorker's `onJob`. */
  recordRollupJob(result: { days: number }, durationMs: number): void;
  /** For RollupWorker's `onFold`. */
  recordFold(result: { samples: number }, durationMs: number): void;
  /** For RollupWorker's `onFailure`. */
  recordJobFailure(report: JobFailureReport): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: HearthMetrics;
  }
}

/** Durations of worker jobs: from a few milliseconds to several seconds. */
function jobHistogram(registry: Registry, name: string, help: string): Histogram {
  return new Histogram({
    name,
    help,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
}

function createMetrics(pool: Pool): HearthMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const ingested = new Counter({
    name: 'hearth_samples_ingested_total',
    help: 'Samples stored through the device ingest API',
    registers: [registry],
  });
  const jobDuration = jobHistogram(
    registry,
    'hearth_rollup_job_duration_seconds',
    'Duration of one rollup job (claim, recompute, upsert, insights, commit)',
  );
  const jobDays = new Counter({
    name: 'hearth_rollup_days_processed_total',
    help: 'Dirty (user, type, local day) items processed by rollup jobs in this process',
    registers: [registry],
  });
  const foldDuration = jobHistogram(
    registry,
    'hearth_fold_job_duration_seconds',
    'Duration of one fold of inbox batches into series (claim, merge, write, commit)',
  );
  const folded = new Counter({
    name: 'hearth_samples_folded_total',
    help: 'Acknowledged samples folded into series by this process',
    registers: [registry],
  });
  const failures = new Counter({
    name: 'hearth_worker_job_failures_total',
    help: 'Fold and rollup jobs of this process rolled back by an error in their data, by kind',
    labelNames: ['kind'],
    registers: [registry],
  });
  const deadLettered = new Counter({
    name: 'hearth_dead_letters_total',
    help: 'Batches (fold) and days (rollup) this process set aside as dead letters, by kind',
    labelNames: ['kind'],
    registers: [registry],
  });
  registerQueueGauges(registry, pool);
  const ingestRate = new IngestRateWindow();
  return {
    registry,
    ingestRate,
    recordIngest(samples) {
      ingested.inc(samples);
      ingestRate.add(samples);
    },
    recordRollupJob(result, durationMs) {
      jobDuration.observe(durationMs / 1000);
      jobDays.inc(result.days);
    },
    recordFold(result, durationMs) {
      foldDuration.observe(durationMs / 1000);
      folded.inc(result.samples);
    },
    recordJobFailure(report) {
      failures.inc({ kind: report.kind });
      if (report.deadLetters > 0) deadLettered.inc({ kind: report.kind }, report.deadLetters);
    },
  };
}

/** Queue and inbox depth and lag are the database's, shared by every instance: read at scrape time. */
function registerQueueGauges(registry: Registry, pool: Pool): void {
  const lag = new Gauge({
    name: 'hearth_rollup_lag_seconds',
    help: 'Age of the oldest unprocessed rollup work item (0 when the queue is empty)',
    registers: [registry],
  });
  const up = new Gauge({
    name: 'hearth_database_up',
    help: '1 when the last scrape could query the database',
    registers: [registry],
  });
  new Gauge({
    name: 'hearth_rollup_queue_depth',
    help: 'Dirty (user, type, local day) items waiting for the rollup worker',
    registers: [registry],
    async collect() {
      try {
        const stats = await rollupQueueStats(pool);
        this.set(stats.depth);
        lag.set(stats.oldestAgeSeconds);
        up.set(1);
      } catch {
        // A scrape must still answer while the database is down; the gauge says so.
        up.set(0);
      }
    },
  });
  const inboxLag = new Gauge({
    name: 'hearth_ingest_inbox_lag_seconds',
    help: 'Age of the oldest acknowledged device batch not yet folded into series (0 when none)',
    registers: [registry],
  });
  new Gauge({
    name: 'hearth_ingest_inbox_samples',
    help: 'Samples acknowledged to devices and waiting to be folded into series',
    registers: [registry],
    async collect() {
      try {
        const stats = await inboxStats(pool);
        this.set(stats.samples);
        inboxLag.set(stats.oldestAgeSeconds);
      } catch {
        // hearth_database_up already reports the outage.
      }
    },
  });
  new Gauge({
    name: 'hearth_dead_letters',
    help: 'Batches (fold) and days (rollup) set aside after repeated failures, kept for requeue',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      try {
        const stats = await deadLetterStats(pool);
        this.set({ kind: 'fold' }, stats.inboxBatches);
        this.set({ kind: 'rollup' }, stats.rollupDays);
      } catch {
        // hearth_database_up already reports the outage.
      }
    },
  });
}

function httpDurationHook(registry: Registry) {
  const histogram = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route pattern',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return async (request: FastifyRequest, reply: { statusCode: number; elapsedTime: number }) => {
    // The route pattern, never the raw URL: ids and share codes must not become label values.
    const route = request.routeOptions.url ?? 'unmatched';
    histogram.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  };
}

/**
 * Prometheus metrics on a per-app registry (tests build many apps): HTTP durations by route,
 * samples ingested, rollup queue depth and lag, rollup job durations, process defaults.
 * `GET /metrics` is unauthenticated, like every Prometheus target: expose it only internally.
 */
async function metricsPlugin(app: FastifyInstance, opts: { pool: Pool }): Promise<void> {
  const metrics = createMetrics(opts.pool);
  app.decorate('metrics', metrics);
  app.addHook('onResponse', httpDurationHook(metrics.registry));
  app.addHook('preSerialization', async (request, reply, payload: unknown) => {
    if (reply.statusCode === 200 && INGEST_ROUTE.test(request.routeOptions.url ?? '')) {
      const synced = (payload as { synced?: unknown } | null)?.synced;
      if (typeof synced === 'number') metrics.recordIngest(synced);
    }
    return payload;
  });
  app.get(
    '/metrics',
    { schema: { hide: true }, config: { rateLimit: false } },
    async (_request, reply) => {
      reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    },
  );
}

export default fp(metricsPlugin, { name: 'hearth-metrics' });
