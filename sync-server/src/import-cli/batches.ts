import { createHash } from 'node:crypto';
import { METRIC_CONFIG, type HealthDataType, type SleepStage } from '@hearth/schema';
import type { ImportedSample } from '@hearth/core/import';

/** A sample as the device API takes it (`POST /devices/:id/sync`), in its type's canonical unit. */
export interface WireSample {
  type: HealthDataType;
  value: number;
  unit: string;
  startDate: string;
  endDate: string;
  sleepStage?: SleepStage;
}

export interface SourceBatch {
  /** Index into the reader's `sources`. */
  source: number;
  samples: WireSample[];
}

export function toWireSample(s: ImportedSample): WireSample {
  const wire: WireSample = {
    type: s.type,
    value: s.value,
    unit: METRIC_CONFIG[s.type].unit,
    startDate: new Date(s.start).toISOString(),
    endDate: new Date(s.end).toISOString(),
  };
  if (s.sleepStage !== undefined) wire.sleepStage = s.sleepStage;
  return wire;
}

/**
 * Groups the reader's samples by source (a sync request goes to one device) into batches of at
 * most `size`, handing each on as soon as it is full; `flush` hands on the partial ones. At most
 * one partial batch per source is held, so memory does not grow with the file.
 */
export class SourceBatcher {
  readonly #size: number;
  readonly #open = new Map<number, WireSample[]>();

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size ${size}`);
    this.#size = size;
  }

  add(samples: readonly ImportedSample[]): SourceBatch[] {
    const full: SourceBatch[] = [];
    for (const s of samples) {
      let open = this.#open.get(s.source);
      if (!open) {
        open = [];
        this.#open.set(s.source, open);
      }
      open.push(toWireSample(s));
      if (open.length >= this.#size) {
        full.push({ source: s.source, samples: open });
        this.#open.delete(s.source);
      }
    }
    return full;
  }

  flush(): SourceBatch[] {
    const rest = [...this.#open].map(([source, samples]) => ({ source, samples }));
    this.#open.clear();
    return rest;
  }
}

export function batchBody(samples: readonly WireSample[]): string {
  return JSON.stringify({ samples });
}

/**
 * Derived from the device and the exact bytes sent, so a batch retried after a lost answer, or
 * the same file imported twice within the server's idempotency window, is answered from the
 * server's record instead of being stored again. (Past that window, storing it again is still
 * harmless: a sample replaces itself by (device, type, start, end).)
 */
export function idempotencyKey(deviceId: string, body: string): string {
  return `import-${createHash('sha256').update(deviceId).update('\n').update(body).digest('hex')}`;
}
