import type { HealthDataType } from '@hearth/schema';
import { open, rowAad, seal } from '../crypto/envelope.js';

/**
 * The payload of one inbox row: a device batch's valid samples, in the order they were sent,
 * as little-endian float64 quadruples [typeIndex, startMs, endMs, value], after a small header
 * naming the types the indexes refer to. The header makes a stored row independent of the order
 * of HEALTH_DATA_TYPES in whatever version of the server folds it later.
 *
 *   u8 version | u8 typeCount | typeCount × (u8 length, ASCII name) | padding to 8 | doubles
 *
 * 32 bytes a sample: a 1,000-sample batch is one ~32 KB row, sealed once with the user's key.
 */
const FORMAT_VERSION = 1;
const DOUBLES_PER_SAMPLE = 4;
const MAX_TYPES = 255;

const PLATFORM_IS_LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/** Collects a batch's points as they are validated: no object per sample. */
export class InboxBatchEncoder {
  #values: Float64Array;
  #count = 0;
  readonly #types: HealthDataType[] = [];
  readonly #typeIndex = new Map<HealthDataType, number>();

  constructor(expectedSamples: number) {
    this.#values = new Float64Array(Math.max(1, expectedSamples) * DOUBLES_PER_SAMPLE);
  }

  get sampleCount(): number {
    return this.#count;
  }

  add(type: HealthDataType, start: number, end: number, value: number): void {
    let index = this.#typeIndex.get(type);
    if (index === undefined) {
      if (this.#types.length === MAX_TYPES) throw new Error('Too many types in one batch');
      index = this.#types.length;
      this.#types.push(type);
      this.#typeIndex.set(type, index);
    }
    const at = this.#count * DOUBLES_PER_SAMPLE;
    if (at + DOUBLES_PER_SAMPLE > this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[at] = index;
    this.#values[at + 1] = start;
    this.#values[at + 2] = end;
    this.#values[at + 3] = value;
    this.#count++;
  }

  /** The unsealed payload. */
  encode(): Buffer {
    const names = this.#types.map((t) => Buffer.from(t, 'ascii'));
    let headerLength = 2;
    for (const name of names) headerLength += 1 + name.length;
    // Pad so the doubles start 8-byte aligned: decoding can then view them without a copy.
    headerLength = Math.ceil(headerLength / 8) * 8;
    const bodyLength = this.#count * DOUBLES_PER_SAMPLE * 8;
    const buf = Buffer.alloc(headerLength + bodyLength);
    buf[0] = FORMAT_VERSION;
    buf[1] = names.length;
    let at = 2;
    for (const name of names) {
      buf[at++] = name.length;
      name.copy(buf, at);
      at += name.length;
    }
    const values = this.#values.subarray(0, this.#count * DOUBLES_PER_SAMPLE);
    if (PLATFORM_IS_LITTLE_ENDIAN) {
      buf.set(new Uint8Array(values.buffer, values.byteOffset, bodyLength), headerLength);
    } else {
      values.forEach((v, i) => buf.writeDoubleLE(v, headerLength + i * 8));
    }
    return buf;
  }
}

export type InboxPointVisitor = (
  type: HealthDataType,
  start: number,
  end: number,
  value: number,
) => void;

/** Calls `visit` for every sample of an unsealed payload, in the order they were sent. */
export function decodeInboxBatch(buf: Buffer, visit: InboxPointVisitor): number {
  if (buf.length < 2 || buf[0] !== FORMAT_VERSION) throw new Error('Unknown inbox payload format');
  const types: HealthDataType[] = [];
  let at = 2;
  for (let i = 0; i < buf[1]!; i++) {
    const length = buf[at]!;
    types.push(buf.toString('ascii', at + 1, at + 1 + length) as HealthDataType);
    at += 1 + length;
  }
  const start = Math.ceil(at / 8) * 8;
  const bodyLength = buf.length - start;
  if (bodyLength < 0 || bodyLength % (DOUBLES_PER_SAMPLE * 8) !== 0) {
    throw new Error('Truncated inbox payload');
  }
  const count = bodyLength / (DOUBLES_PER_SAMPLE * 8);
  const values = new Float64Array(count * DOUBLES_PER_SAMPLE);
  if (PLATFORM_IS_LITTLE_ENDIAN) {
    new Uint8Array(values.buffer).set(buf.subarray(start));
  } else {
    for (let i = 0; i < values.length; i++) values[i] = buf.readDoubleLE(start + i * 8);
  }
  for (let i = 0; i < values.length; i += DOUBLES_PER_SAMPLE) {
    const type = types[values[i]!];
    if (type === undefined) throw new Error('Inbox payload refers to an unknown type index');
    visit(type, values[i + 1]!, values[i + 2]!, values[i + 3]!);
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
