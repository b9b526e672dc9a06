import type { HealthDataType, SeriesPoint } from '@hearth/schema';
import { open, rowAad, seal } from '../crypto/envelope.js';
import { COMPACT, decodeCompact, encodeCompact } from './compact-points.js';

/**
 * A series payload is its points, sealed with the user's key. Written as version 3, the compact
 * form (`compact-points.ts`: deltas and scaled integers), whenever it holds the
 * points exactly, which is every real series; otherwise as little-endian float64 values: version 1
 * holds triples [startMs, endMs, value] (epoch milliseconds are exact in a double), 24 bytes a
 * point; version 2, for a series holding a sleep stage other than asleep, adds the stage code as a
 * 4th value (core/src/series/stages.ts; 0 is asleep). Every version decodes, so payloads stored
 * before a newer one existed keep their meaning.
 */
const TRIPLES = 1;
const QUADRUPLES = 2;

/** Typed arrays use the platform's byte order; the format is little-endian (as x86 and ARM). */
const PLATFORM_IS_LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

const hasStage = (point: SeriesPoint) => (point[3] ?? 0) !== 0;

export function encodePoints(points: readonly SeriesPoint[]): Buffer {
  return encodeCompact(points) ?? encodeFloatPoints(points);
}

/** Versions 1 and 2: float64 values, for points the compact form cannot hold exactly. */
export function encodeFloatPoints(points: readonly SeriesPoint[]): Buffer {
  const width = points.some(hasStage) ? 4 : 3;
  const values = new Float64Array(points.length * width);
  for (let i = 0, j = 0; i < points.length; i++, j += width) {
    const point = points[i]!;
    values[j] = point[0];
    values[j + 1] = point[1];
    values[j + 2] = point[2];
    if (width === 4) values[j + 3] = point[3] ?? 0;
  }
  const buf = Buffer.allocUnsafe(1 + values.length * 8);
  buf[0] = width === 4 ? QUADRUPLES : TRIPLES;
  if (PLATFORM_IS_LITTLE_ENDIAN) {
    // Filling a Float64Array and copying its bytes once is several times faster than writeDoubleLE.
    buf.set(new Uint8Array(values.buffer), 1);
  } else {
    values.forEach((v, i) => buf.writeDoubleLE(v, 1 + i * 8));
  }
  return buf;
}

export function decodePoints(buf: Buffer): SeriesPoint[] {
  if (buf[0] === COMPACT) return decodeCompact(buf);
  const width = buf[0] === TRIPLES ? 3 : buf[0] === QUADRUPLES ? 4 : 0;
  if (width === 0 || (buf.length - 1) % (width * 8) !== 0) {
    throw new Error('Unknown series payload format');
  }
  const n = (buf.length - 1) / (width * 8);
  // The payload starts at an odd offset: copy it into an aligned array to read it as doubles.
  const values = new Float64Array(n * width);
  if (PLATFORM_IS_LITTLE_ENDIAN) {
    new Uint8Array(values.buffer).set(buf.subarray(1));
  } else {
    for (let i = 0; i < values.length; i++) values[i] = buf.readDoubleLE(1 + i * 8);
  }
  const points: SeriesPoint[] = new Array<SeriesPoint>(n);
  for (let i = 0, j = 0; i < n; i++, j += width) {
    const stage = width === 4 ? values[j + 3]! : 0;
    points[i] =
      stage === 0
        ? [values[j]!, values[j + 1]!, values[j + 2]!]
        : [values[j]!, values[j + 1]!, values[j + 2]!, stage];
  }
  return points;
}

export interface SeriesKey {
  deviceId: string;
  type: HealthDataType;
  /** Epoch ms of the UTC hour holding every point's start. */
  hourStart: number;
}

export function seriesAad(userId: string, key: SeriesKey): string {
  return rowAad('series', userId, key.deviceId, key.type, key.hourStart);
}

export function sealSeriesPoints(
  dataKey: Buffer,
  userId: string,
  key: SeriesKey,
  points: readonly SeriesPoint[],
): Buffer {
  return seal(dataKey, encodePoints(points), seriesAad(userId, key));
}

export function openSeriesPoints(
  dataKey: Buffer,
  userId: string,
  key: SeriesKey,
  payload: Buffer,
): SeriesPoint[] {
  return decodePoints(open(dataKey, payload, seriesAad(userId, key)));
}
