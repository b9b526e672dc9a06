import type { HealthDataType } from '@hearth/schema';
import { open, rowAad, seal } from '../crypto/envelope.js';

/**
 * The payload of one inbox row: a device batch's valid samples, in the order they were sent.
 * Compact, because every byte of it travels to PostgreSQL, into the WAL and into TOAST on the
 * acknowledged path (at 32 bytes a sample, writes to PostgreSQL's socket were two thirds of the
 * server's socket writes, themselves 16–19 % of its CPU under ingest; see BENCHMARKS.md).
 *
 *   u8 version | u8 typeCount | typeCount × (u8 length, ASCII name) | samples
 *
 * The header names the types the samples refer to by index, so a stored row does not depend on
 * the order of HEALTH_DATA_TYPES in whatever version of the server folds it later. Since version
 * 2 a name may carry a sleep stage code after `#` (`SLEEP_ANALYSIS#1`, core/src/series/stages.ts):
 * a stage costs one header entry per batch instead of a byte per sample. Version 1 payloads
 * (no stages) still decode. Each sample:
 *
 *   u8 tag: type index (bits 0–6) | 0x80 when the value is a float64 rather than an integer
 *   varint  zigzag(start − previous sample's start), the first one from 0 (epoch milliseconds)
 *   varint  end − start (never negative: normalisation refuses an end before the start)
 *   value   zigzag varint of an integer, or 8 bytes little-endian float64
 *
 * Varints are little-endian base 128. A minute of a watch's heart rate (start +60 s, no duration,
 * an integer bpm) takes 6 bytes.
 */
const FORMAT_VERSION = 2;
const DECODABLE_VERSIONS: ReadonlySet<number> = new Set([1, 2]);
const STAGE_SEPARATOR = '#';
const MAX_TYPES = 0x7f;
const FLOAT_FLAG = 0x80;
/** Integers within this bound are stored as varints; zigzag keeps them below 2^53. */
const MAX_VARINT_INTEGER = 2 ** 51;
/** Instants within ±2^50 ms (±35,000 years) keep every delta's zigzag below 2^53. */
const MAX_INSTANT = 2 ** 50;
/** Tag + three values of at most 8 varint bytes (or one float64) each. */
const MAX_SAMPLE_BYTES = 1 + 8 + 8 + 8;

const zigzag = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1);
const unzigzag = (z: number) => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);
const storesAsInteger = (value: number) =>
  Number.isInteger(value) && Math.abs(value) <= MAX_VARINT_INTEGER && !Object.is(value, -0);

/** Collects a batch's points as they are validated: no object per sample. */
export class InboxBatchEncoder {
  #bytes: Uint8Array;
  #view: DataView;
  #length = 0;
  #count = 0;
  #previousStart = 0;
  /** Header names: a type, or a type and a sleep stage code. */
  readonly #types: string[] = [];
  readonly #typeIndex = new Map<string, number>();

  constructor(expectedSamples: number) {
    this.#bytes = new Uint8Array(Math.max(1, expectedSamples) * MAX_SAMPLE_BYTES);
    this.#view = new DataView(this.#bytes.buffer);
  }

  get sampleCount(): number {
    return this.#count;
  }

  /** `stage` is a sleep stage code; 0 (asleep, or no stage) adds nothing to the name. */
  add(type: HealthDataType, start: number, end: number, value: number, stage = 0): void {
    if (
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      end < start ||
      Math.abs(start) > MAX_INSTANT ||
      Math.abs(end) > MAX_INSTANT
    ) {
      throw new Error('Inbox samples need whole-millisecond instants with end ≥ start');
    }
    const name = stage === 0 ? type : `${type}${STAGE_SEPARATOR}${stage}`;
    let index = this.#typeIndex.get(name);
    if (index === undefined) {
      if (this.#types.length === MAX_TYPES) throw new Error('Too many types in one batch');
      index = this.#types.length;
      this.#types.push(name);
      this.#typeIndex.set(name, index);
    }
    if (this.#length + MAX_SAMPLE_BYTES > this.#bytes.length) this.#grow();
    const integer = storesAsInteger(value);
    this.#bytes[this.#length++] = integer ? index : index | FLOAT_FLAG;
    this.#varint(zigzag(start - this.#previousStart));
    this.#varint(end - start);
    if (integer) {
      this.#varint(zigzag(value));
    } else {
      this.#view.setFloat64(this.#length, value, true);
      this.#length += 8;
    }
    this.#previousStart = start;
    this.#count++;
  }

  /** The unsealed payload. */
  encode(): Buffer {
    const names = this.#types.map((t) => Buffer.from(t, 'ascii'));
    let headerLength = 2;
    for (const name of names) headerLength += 1 + name.length;
    const buf = Buffer.allocUnsafe(headerLength + this.#length);
    buf[0] = FORMAT_VERSION;
    buf[1] = names.length;
    let at = 2;
    for (const name of names) {
      buf[at++] = name.length;
      name.copy(buf, at);
      at += name.length;
    }
    buf.set(this.#bytes.subarray(0, this.#length), at);
    return buf;
  }

  #varint(n: number): void {
    // Arithmetic, not bitwise: the values exceed 32 bits (epoch milliseconds).
    while (n >= 0x80) {
      this.#bytes[this.#length++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.#bytes[this.#length++] = n;
  }

  #grow(): void {
    const grown = new Uint8Array(this.#bytes.length * 2);
    grown.set(this.#bytes);
    this.#bytes = grown;
    this.#view = new DataView(grown.buffer);
  }
}

export type InboxPointVisitor = (
  type: HealthDataType,
  start: number,
  end: number,
  value: number,
  /** A sleep stage code; 0 is asleep or no stage. */
  stage: number,
) => void;

/** Calls `visit` for every sample of an unsealed payload, in the order they were sent. */
export function decodeInboxBatch(buf: Buffer, visit: InboxPointVisitor): number {
  if (buf.length < 2 || !DECODABLE_VERSIONS.has(buf[0]!)) {
    throw new Error('Unknown inbox payload format');
  }
  const truncated = () => new Error('Truncated inbox payload');
  const types: HealthDataType[] = [];
  const stages: number[] = [];
  let at = 2;
  for (let i = 0; i < buf[1]!; i++) {
    const length = buf[at];
    if (length === undefined || at + 1 + length > buf.length) throw truncated();
    const [name, stage] = buf.toString('ascii', at + 1, at + 1 + length).split(STAGE_SEPARATOR);
    types.push(name as HealthDataType);
    stages.push(stage === undefined ? 0 : Number(stage));
    at += 1 + length;
  }
  const varint = (): number => {
    let n = 0;
    let scale = 1;
    for (;;) {
      const byte = buf[at++];
      if (byte === undefined) throw truncated();
      n += (byte & 0x7f) * scale;
      if (byte < 0x80) return n;
      scale *= 0x80;
      if (scale > 2 ** 56) throw new Error('Inbox payload varint too long');
    }
  };
  let count = 0;
  let start = 0;
  while (at < buf.length) {
    const tag = buf[at++]!;
    const type = types[tag & MAX_TYPES];
    const stage = stages[tag & MAX_TYPES] ?? 0;
    if (type === undefined) throw new Error('Inbox payload refers to an unknown type index');
    start += unzigzag(varint());
    const end = start + varint();
    let value: number;
    if (tag & FLOAT_FLAG) {
      if (at + 8 > buf.length) throw truncated();
      value = buf.readDoubleLE(at);
      at += 8;
    } else {
      value = unzigzag(varint());
    }
    visit(type, start, end, value, stage);
    count++;
  }
  return count;
}

/**
 * Sealed under the user's key, bound to the user and device: a payload moved to another
 * user's or device's row fails to open. (Two rows of the same device may swap payloads
 * harmlessly: folding merges every row of a device.)
 */
const inboxAad = (userId: string, deviceId: string) => rowAad('ingest_inbox', userId, deviceId);

export function sealInboxBatch(
  dataKey: Buffer,
  userId: string,
  deviceId: string,
  payload: Buffer,
): Buffer {
  return seal(dataKey, payload, inboxAad(userId, deviceId));
}

export function openInboxBatch(
  dataKey: Buffer,
  userId: string,
  deviceId: string,
  sealed: Buffer,
): Buffer {
  return open(dataKey, sealed, inboxAad(userId, deviceId));
}
