import { seriesPoint, sleepStageCode } from '@hearth/core';
import {
  METRIC_CONFIG,
  SLEEP_STAGES,
  deviceSyncResponseSchema,
  type RawSample,
  type SeriesPoint,
  type SleepStage,
} from '@hearth/schema';
import type { Random } from './random.js';

/** Node's own fetch, taken before the replicas' pages route the global one. */
const nodeFetch = globalThis.fetch;

const TYPES = ['STEPS', 'HEART_RATE', 'ACTIVE_ENERGY', 'SLEEP_ANALYSIS'] as const;
const SAMPLE_EVERY_MS = 60_000;
const SAMPLE_LENGTH_MS = 30_000;
const ATTEMPT_TIMEOUT_MS = 15_000;

/** How a sample is told apart within the account: its series' key and its (start, end). */
export const sampleKey = (deviceId: string, type: string, start: number, end: number) =>
  `${deviceId}|${type}|${start}|${end}`;

export interface DeviceSpec {
  id: string;
  token: string;
  /** The servers it may reach (through the proxies), tried in turn after a failure. */
  origins: readonly string[];
  /** Its samples, one a minute from here: devices of one account never overlap in time. */
  windowStartMs: number;
  maxSamples: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A share of the batches holding sleep whose stages the device revises later. */
const CORRECTED_SHARE = 0.3;

/**
 * A wearable uploading as Hearth's device CLI would: batches to `POST /devices/:id/sync` with
 * its bearer token and one idempotency key per batch, re-sent with the same key (to the next
 * server) after any failure until a server acknowledges it. Now and then it sends a batch's sleep
 * samples again with other stages, as a watch does once it has staged a night (the same samples,
 * by (start, end), with the stage alone changed). It remembers what it was told: a sample is
 * acknowledged only when a 200 said every sample of its batch was stored.
 */
export class SimulatedDevice {
  /** Sample key → the point the server must hold, for every sample of an acknowledged batch. */
  readonly acknowledged = new Map<string, SeriesPoint>();
  /** Sent, never acknowledged (given up on at the end of the run): may or may not be stored. */
  readonly unacknowledged = new Map<string, SeriesPoint>();
  /** Batches that revised the stages of samples sent before. */
  corrections = 0;
  /** A batch a server refused with a 4xx other than 429, or stored only in part: a bug. */
  readonly refusals: string[] = [];
  batches = 0;
  resends = 0;
  private sent = 0;
  private next = 0;
  /** Sample values and timing drawn apart: the samples are the same however the retries went. */
  private readonly values: Random;
  private readonly random: Random;

  constructor(
    readonly spec: DeviceSpec,
    random: Random,
  ) {
    this.values = random.fork();
    this.random = random.fork();
  }

  private sample(index: number): RawSample {
    const type = TYPES[index % TYPES.length]!;
    const start = this.spec.windowStartMs + index * SAMPLE_EVERY_MS;
    const sample: RawSample = {
      type,
      value: 0,
      unit: METRIC_CONFIG[type].unit,
      startDate: new Date(start).toISOString(),
      endDate: new Date(start + SAMPLE_LENGTH_MS).toISOString(),
    };
    switch (type) {
      case 'STEPS':
        return { ...sample, value: this.values.int(0, 150) };
      case 'HEART_RATE':
        return { ...sample, value: this.values.int(55, 140) };
      case 'ACTIVE_ENERGY':
        return { ...sample, value: this.values.int(0, 15) };
      case 'SLEEP_ANALYSIS':
        // The whole interval, in minutes.
        return { ...sample, value: SAMPLE_LENGTH_MS / 60_000, sleepStage: this.stage() };
    }
  }

  private stage(other?: SleepStage): SleepStage {
    const stages = SLEEP_STAGES.filter((stage) => stage !== other);
    return this.values.pick(stages);
  }

  private keyOf(sample: RawSample): string {
    const start = Date.parse(sample.startDate);
    return sampleKey(this.spec.id, sample.type, start, Date.parse(sample.endDate));
  }

  /** The point a stored sample is in its series (canonical units already: see `sample`). */
  private pointOf(sample: RawSample): SeriesPoint {
    const stage = sleepStageCode(sample.sleepStage as SleepStage | undefined);
    return seriesPoint(
      Date.parse(sample.startDate),
      Date.parse(sample.endDate),
      sample.value,
      stage,
    );
  }

  /** The batch's sleep samples with other stages, or nothing (most batches are never revised). */
  private correctionOf(samples: readonly RawSample[]): RawSample[] {
    const sleep = samples.filter((sample) => sample.type === 'SLEEP_ANALYSIS');
    if (sleep.length === 0 || this.values.next() >= CORRECTED_SHARE) return [];
    return sleep.map((sample) => ({
      ...sample,
      sleepStage: this.stage(sample.sleepStage as SleepStage),
    }));
  }

  /**
   * Uploads a batch every `paceMs` (a sync every so often) while `keepGoing()`, each one until a
   * server acknowledges it or `giveUpAt` passes.
   */
  async run(options: {
    keepGoing: () => boolean;
    giveUpAt: () => number;
    paceMs: readonly [number, number];
    batch: readonly [number, number];
  }): Promise<void> {
    while (options.keepGoing() && this.sent < this.spec.maxSamples) {
      const size = Math.min(this.random.int(...options.batch), this.spec.maxSamples - this.sent);
      const samples = Array.from({ length: size }, (_, i) => this.sample(this.sent + i));
      this.sent += size;
      const acknowledged = await this.upload(samples, options.giveUpAt);
      const correction = acknowledged ? this.correctionOf(samples) : [];
      if (correction.length > 0) {
        this.corrections += 1;
        await this.upload(correction, options.giveUpAt);
      }
      await sleep(this.random.int(...options.paceMs));
    }
  }

  /** Whether a server acknowledged the batch. */
  private async upload(samples: RawSample[], giveUpAt: () => number): Promise<boolean> {
    const key = `${this.spec.id}-batch-${this.batches++}`;
    const body = JSON.stringify({ samples });
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) this.resends += 1;
      const origin = this.spec.origins[(this.next++ + attempt) % this.spec.origins.length]!;
      const outcome = await this.attempt(origin, key, body, samples.length);
      if (outcome === 'acknowledged') {
        for (const sample of samples) {
          this.unacknowledged.delete(this.keyOf(sample));
          this.acknowledged.set(this.keyOf(sample), this.pointOf(sample));
        }
        return true;
      }
      if (outcome !== 'retry') {
        this.refusals.push(`${key}: ${outcome}`);
        break;
      }
      if (Date.now() > giveUpAt()) break;
      // What the CLI does: back off, with jitter so that devices do not retry in lockstep.
      await sleep(Math.min(1000, 50 * 2 ** attempt) + this.random.int(0, 50));
    }
    // A revision given up on leaves the sample as it was or revised: either may be stored.
    for (const sample of samples) {
      this.acknowledged.delete(this.keyOf(sample));
      this.unacknowledged.set(this.keyOf(sample), this.pointOf(sample));
    }
    return false;
  }

  private async attempt(
    origin: string,
    key: string,
    body: string,
    count: number,
  ): Promise<'acknowledged' | 'retry' | string> {
    let response: Response;
    try {
      response = await nodeFetch(`${origin}/api/v1/devices/${this.spec.id}/sync`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.spec.token}`,
          'content-type': 'application/json',
          'x-idempotency-key': key,
        },
        body,
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
    } catch {
      return 'retry';
    }
    const text = await response.text().catch(() => null);
    if (text === null || response.status >= 500 || response.status === 429) return 'retry';
    if (response.status !== 200) return `${response.status} ${text.slice(0, 200)}`;
    const parsed = deviceSyncResponseSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return `unreadable answer ${text.slice(0, 200)}`;
    const { synced, errors } = parsed.data;
    return synced === count && errors === 0
      ? 'acknowledged'
      : `stored ${synced} of ${count} (${errors} refused)`;
  }
}
