import type { HealthDataType, SeriesPoint } from '@hearth/schema';
import { open, rowAad, seal } from '../crypto/envelope.js';

/**
 * A series payload is its points as little-endian float64 triples [startMs, endMs, value]
 * (epoch milliseconds are exact in a double), sealed with the user's key. 24 bytes a point:
 * a user-year (~550k points) is ~13 MB at rest, and decoding is a typed-array copy, no parsing.
 */
const FORMAT_VERSION = 1;

export function encodePoints(points: readonly SeriesPoint[]): Buffer {
  const buf = Buffer.alloc(1 + points.length * 24);
  buf[0] = FORMAT_VERSION;
  let offset = 1;
  for (const [start, end, value] of points) {
    buf.writeDoubleLE(start, offset);
    buf.writeDoubleLE(end, offset + 8);
    buf.writeDoubleLE(value, offset + 16);
    offset += 24;
  }
  return buf;
}

export function decodePoints(buf: Buffer): SeriesPoint[] {
  if (buf[0] !== FORMAT_VERSION || (buf.length - 1) % 24 !== 0) {
    throw new Error('Unknown series payload format');
  }
  const n = (buf.length - 1) / 24;
  const points: SeriesPoint[] = new Array(n);
  for (let i = 0, offset = 1; i < n; i++, offset += 24) {
    points[i] = [
      buf.readDoubleLE(offset),
      buf.readDoubleLE(offset + 8),
      buf.readDoubleLE(offset + 16),
    ];
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
