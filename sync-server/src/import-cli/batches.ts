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
  /** Samples in `body`. */
  count: number;
  /** The request body `{"samples":[…]}`, as the bytes sent. */
  body: Buffer;
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

const MS_PER_DAY = 86_400_000;
let isoDay = NaN;
let isoDayPrefix = '';
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));

/** `Date.prototype.toISOString`, with the date part reused while samples stay on one UTC day. */
function isoInstant(ms: number): string {
  const day = Math.floor(ms / MS_PER_DAY);
  if (day !== isoDay) {
    isoDay = day;
    isoDayPrefix = new Date(day * MS_PER_DAY).toISOString().slice(0, 11);
  }
  let rest = ms - day * MS_PER_DAY;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return `${isoDayPrefix}${pad2(h)}:${pad2(m)}:${pad2(s)}.${pad3(rest - s * 1000)}Z`;
}

/**
 * `JSON.stringify(toWireSample(s))`, written directly: no intermediate object, two dates per
 * sample formatted without a Date each. Its type, unit and stage come from closed sets of plain
 * identifiers and its value is finite, so nothing needs escaping (batches.test.ts checks the two
 * agree). Why: in a CPU profile of the command, building and stringifying the wire objects took a
 * third as long as the XML tokenizer itself; written directly, encoding takes 0.58-0.74× that
 * time (`BENCH_ONLY=encode npm run bench:import -w sync-server`, bench/import-encode.ts: five
 * rounds on the shared 2-core machine at load average 15, BENCHMARKS.md).
 */
export function encodeSample(s: ImportedSample): string {
  const stage = s.sleepStage === undefined ? '' : `,"sleepStage":"${s.sleepStage}"`;
  return `{"type":"${s.type}","value":${s.value},"unit":"${METRIC_CONFIG[s.type].unit}","startDate":"${isoInstant(s.start)}","endDate":"${isoInstant(s.end)}"${stage}}`;
}

const BODY_OPEN = '{"samples":[';
const BODY_CLOSE = ']}';
/** Room for about 400 samples; a body grows by doubling, so a 5,000-sample one is copied 4 times. */
const FIRST_BODY_BYTES = 64 * 1024;

/**
 * One source's open batch, its request body written as bytes as each sample is encoded. Why
 * bytes, not the samples' strings joined at the end: a sample's string then dies young, while
 * a string waiting in a batch lives through several scavenges and is promoted; with 5,000 of
 * them a batch, every sample of the file went through the old generation, and the command's heap
 * grew to ~120 MB (and 250-300 MiB RSS) between full collections. A Buffer's bytes are outside
 * the heap and never copied by the collector (BENCHMARKS.md "Whole import").
 */
class BodyWriter {
  #bytes = Buffer.allocUnsafe(FIRST_BODY_BYTES);
  #length = this.#bytes.write(BODY_OPEN, 0, 'latin1');
  count = 0;

  /** `json` is ASCII (encodeSample), so one character is one byte. */
  add(json: string): void {
    const needed = this.#length + json.length + 1 + BODY_CLOSE.length;
    if (needed > this.#bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.#bytes.length * 2));
      this.#bytes.copy(grown, 0, 0, this.#length);
      this.#bytes = grown;
    }
    if (this.count > 0) this.#length += this.#bytes.write(',', this.#length, 'latin1');
    this.#length += this.#bytes.write(json, this.#length, 'latin1');
    this.count++;
  }

  /** The finished body; the writer is not used again. */
  close(): Buffer {
    this.#length += this.#bytes.write(BODY_CLOSE, this.#length, 'latin1');
    return this.#bytes.subarray(0, this.#length);
  }
}

/**
 * Groups the reader's samples by source (a sync request goes to one device) into batches of at
 * most `size`, handing each on as soon as it is full; `flush` hands on the partial ones. At most
 * one partial batch per source is held, so memory does not grow with the file.
 */
export class SourceBatcher {
  readonly #size: number;
  readonly #open = new Map<number, BodyWriter>();

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size ${size}`);
    this.#size = size;
  }

  add(samples: readonly ImportedSample[]): SourceBatch[] {
    const full: SourceBatch[] = [];
    for (const s of samples) {
      let open = this.#open.get(s.source);
      if (!open) {
        open = new BodyWriter();
        this.#open.set(s.source, open);
      }
      open.add(encodeSample(s));
      if (open.count >= this.#size) {
        full.push({ source: s.source, count: open.count, body: open.close() });
        this.#open.delete(s.source);
      }
    }
    return full;
  }

  flush(): SourceBatch[] {
    const rest = [...this.#open].map(([source, open]) => ({
      source,
      count: open.count,
      body: open.close(),
    }));
    this.#open.clear();
    return rest;
  }
}

/** The request body `{"samples":[…]}` of encoded samples, as text (tests, the benchmark). */
export function batchBody(samples: readonly string[]): string {
  return `${BODY_OPEN}${samples.join(',')}${BODY_CLOSE}`;
}

/**
 * Derived from the device and the exact bytes sent, so a batch retried after a lost answer, or
 * the same file imported twice within the server's idempotency window, is answered from the
 * server's record instead of being stored again. (Past that window, storing it again is still
 * harmless: a sample replaces itself by (device, type, start, end).)
 */
export function idempotencyKey(deviceId: string, body: string | Uint8Array): string {
  return `import-${createHash('sha256').update(deviceId).update('\n').update(body).digest('hex')}`;
}
