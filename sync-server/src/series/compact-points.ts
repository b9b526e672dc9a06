import type { SeriesPoint } from '@hearth/schema';

/**
 * The compact series payload (version 3): the information in a series, not 24 bytes a point.
 * Devices sample on a clock, so starts are stored as deltas of deltas (a regular series costs one
 * byte a point), durations as the change from the previous one (a run of equal durations: one byte
 * each), and values as scaled integers, each the change from the previous, when one power of ten
 * makes every value of the series an exact integer (steps, heart rate, kg to the gram, percentages
 * as fractions to 1e-4); otherwise as float64. Stages, when any point has one, take a byte each.
 * Every integer is a zigzag LEB128 varint. Measured on the demo data: 9.9 bytes a point with the
 * row's 29 bytes of version, nonce and tag, instead of 27 (BENCHMARKS.md, "Bytes at rest").
 *
 * Layout: 3, count, flags (bit 0: stages follow), scale exponent (0–6, or 255: float64 values),
 * starts, durations, values, [stages].
 *
 * `encodeCompact` returns null for points it cannot store exactly (a timestamp that is not an
 * integer or beyond ±2^48 ms, a stage that is not a small integer): the caller keeps the
 * float64 format for those, so no input ever loses a bit.
 */
export const COMPACT = 3;

const FLOAT_VALUES = 255;
const MAX_EXPONENT = 6;
const HAS_STAGES = 1;
/** Keeps every delta of deltas (≤ 4 × 2^48) and its zigzag form inside the exact integers. */
const TIME_LIMIT = 2 ** 48;
const VALUE_LIMIT = 2 ** 48;

class ByteWriter {
  #bytes = new Uint8Array(256);
  length = 0;

  #room(n: number): void {
    if (this.length + n <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(this.#bytes.length * 2, this.length + n));
    grown.set(this.#bytes.subarray(0, this.length));
    this.#bytes = grown;
  }

  byte(b: number): void {
    this.#room(1);
    this.#bytes[this.length++] = b;
  }

  /** An unsigned integer below 2^53, seven bits a byte, low bits first. */
  varint(n: number): void {
    this.#room(8);
    while (n >= 0x80) {
      this.#bytes[this.length++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.#bytes[this.length++] = n;
  }

  signed(n: number): void {
    this.varint(n >= 0 ? n * 2 : -n * 2 - 1);
  }

  float64(x: number): void {
    this.#room(8);
    new DataView(this.#bytes.buffer).setFloat64(this.length, x, true);
    this.length += 8;
  }

  toBuffer(): Buffer {
    return Buffer.from(this.#bytes.buffer, 0, this.length);
  }
}

class ByteReader {
  #at: number;
  readonly #view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    at: number,
  ) {
    this.#at = at;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get done(): boolean {
    return this.#at === this.bytes.length;
  }

  byte(): number {
    if (this.#at >= this.bytes.length) throw new Error('Truncated series payload');
    return this.bytes[this.#at++]!;
  }

  varint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
      if (scale > 2 ** 56) throw new Error('Malformed series payload');
    }
  }

  signed(): number {
    const z = this.varint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  float64(): number {
    if (this.#at + 8 > this.bytes.length) throw new Error('Truncated series payload');
    const x = this.#view.getFloat64(this.#at, true);
    this.#at += 8;
    return x;
  }
}

const exactTime = (t: number) => Number.isInteger(t) && Math.abs(t) <= TIME_LIMIT;

/** The smallest power of ten that makes every value an exact integer, or null. */
function valueExponent(points: readonly SeriesPoint[]): number | null {
  search: for (let exponent = 0; exponent <= MAX_EXPONENT; exponent++) {
    const scale = 10 ** exponent;
    for (const point of points) {
      const value = point[2];
      // -0 has no integer form, and it must come back as -0: such a series keeps float64.
      if (Object.is(value, -0)) return null;
      const scaled = Math.round(value * scale);
      if (Math.abs(scaled) > VALUE_LIMIT || scaled / scale !== value) continue search;
    }
    return exponent;
  }
  return null;
}

export function encodeCompact(points: readonly SeriesPoint[]): Buffer | null {
  let stages = false;
  for (const [start, end, , stage = 0] of points) {
    if (!exactTime(start) || !exactTime(end) || !exactTime(end - start)) return null;
    if (!Number.isInteger(stage) || stage < 0 || stage > 0xff) return null;
    if (stage !== 0) stages = true;
  }
  const exponent = valueExponent(points);
  const out = new ByteWriter();
  out.byte(COMPACT);
  out.varint(points.length);
  out.byte(stages ? HAS_STAGES : 0);
  out.byte(exponent ?? FLOAT_VALUES);
  let previousStart = 0;
  let previousDelta = 0;
  for (const [start] of points) {
    const delta = start - previousStart;
    out.signed(delta - previousDelta);
    previousStart = start;
    previousDelta = delta;
  }
  let previousDuration = 0;
  for (const [start, end] of points) {
    out.signed(end - start - previousDuration);
    previousDuration = end - start;
  }
  if (exponent === null) {
    for (const point of points) out.float64(point[2]);
  } else {
    const scale = 10 ** exponent;
    let previous = 0;
    for (const point of points) {
      const scaled = Math.round(point[2] * scale);
      out.signed(scaled - previous);
      previous = scaled;
    }
  }
  if (stages) for (const point of points) out.byte(point[3] ?? 0);
  return out.toBuffer();
}

export function decodeCompact(bytes: Uint8Array): SeriesPoint[] {
  const input = new ByteReader(bytes, 1);
  const count = input.varint();
  // Every point takes at least two bytes: a count beyond that is a damaged payload.
  if (count * 2 > bytes.length) throw new Error('Malformed series payload');
  const flags = input.byte();
  const exponent = input.byte();
  if (exponent > MAX_EXPONENT && exponent !== FLOAT_VALUES) {
    throw new Error('Unknown series payload format');
  }
  const starts = new Array<number>(count);
  let start = 0;
  let delta = 0;
  for (let i = 0; i < count; i++) {
    delta += input.signed();
    start += delta;
    starts[i] = start;
  }
  const durations = new Array<number>(count);
  let duration = 0;
  for (let i = 0; i < count; i++) {
    duration += input.signed();
    durations[i] = duration;
  }
  const values = new Array<number>(count);
  if (exponent === FLOAT_VALUES) {
    for (let i = 0; i < count; i++) values[i] = input.float64();
  } else {
    const scale = 10 ** exponent;
    let scaled = 0;
    for (let i = 0; i < count; i++) {
      scaled += input.signed();
      values[i] = scaled / scale;
    }
  }
  const points = new Array<SeriesPoint>(count);
  for (let i = 0; i < count; i++) {
    const stage = flags & HAS_STAGES ? input.byte() : 0;
    const s = starts[i]!;
    const e = s + durations[i]!;
    points[i] = stage === 0 ? [s, e, values[i]!] : [s, e, values[i]!, stage];
  }
  if (!input.done) throw new Error('Malformed series payload');
  return points;
}
