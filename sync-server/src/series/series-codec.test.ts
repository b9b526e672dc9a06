import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '@hearth/schema';
import { DecryptionError } from '../crypto/envelope.js';
import {
  decodePoints,
  encodeFloatPoints,
  encodePoints,
  openSeriesPoints,
  sealSeriesPoints,
} from './series-codec.js';

/** Version 1 by its definition: a version byte, then little-endian float64 triples. */
function reference(points: readonly SeriesPoint[]): Buffer {
  const buf = Buffer.alloc(1 + points.length * 24);
  buf[0] = 1;
  points.forEach(([start, end, value], i) => {
    buf.writeDoubleLE(start, 1 + i * 24);
    buf.writeDoubleLE(end, 9 + i * 24);
    buf.writeDoubleLE(value, 17 + i * 24);
  });
  return buf;
}

const point = fc.tuple(
  fc.integer({ min: -8.64e15, max: 8.64e15 }),
  fc.integer({ min: -8.64e15, max: 8.64e15 }),
  fc.double({ noNaN: true }),
);

describe('series payload codec', () => {
  it('writes the documented float64 bytes and reads them back exactly', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 50 }), (points) => {
        const bytes = encodeFloatPoints(points);
        expect(bytes.equals(reference(points))).toBe(true);
        const back = decodePoints(bytes);
        expect(back).toHaveLength(points.length);
        back.forEach((p, i) => p.forEach((x, k) => expect(Object.is(x, points[i]![k])).toBe(true)));
      }),
    );
  });

  it('refuses a payload of another format', () => {
    expect(() => decodePoints(Buffer.from([9]))).toThrow('Unknown series payload format');
    expect(() => decodePoints(Buffer.alloc(24, 1))).toThrow('Unknown series payload format');
    expect(() => decodePoints(Buffer.alloc(25, 2))).toThrow('Unknown series payload format');
  });

  it('keeps sleep stages (version 2) and writes version 1 for a series without any', () => {
    const night: SeriesPoint[] = [
      [0, 60_000, 1, 1],
      [60_000, 120_000, 1],
      [120_000, 180_000, 1, 3],
    ];
    const bytes = encodeFloatPoints(night);
    expect(bytes[0]).toBe(2);
    expect(bytes.length).toBe(1 + 3 * 32);
    expect(decodePoints(bytes)).toEqual(night);
    expect(encodeFloatPoints([[0, 60_000, 1]])[0]).toBe(1);
  });

  it('writes every series it can hold exactly in the compact form, and the rest as float64', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 50 }), (points) => {
        const bytes = encodePoints(points);
        expect([1, 3]).toContain(bytes[0]);
        const back = decodePoints(bytes);
        expect(back).toHaveLength(points.length);
        back.forEach((p, i) => p.forEach((x, k) => expect(Object.is(x, points[i]![k])).toBe(true)));
      }),
    );
    const minute = 60_000;
    const hour = Array.from({ length: 60 }, (_, i): SeriesPoint => {
      const start = 1_764_547_200_000 + i * minute;
      return [start, start + minute, 40 + (i % 7)];
    });
    const compact = encodePoints(hour);
    expect(compact[0]).toBe(3);
    // A regular series: about three bytes a point instead of 24.
    expect(compact.length).toBeLessThan(4 * 60);
    expect(decodePoints(compact)).toEqual(hour);
  });

  it('seals with the row as AAD: another row cannot open it', () => {
    const key = randomBytes(32);
    const row = { deviceId: 'watch', type: 'STEPS' as const, hourStart: 3_600_000 };
    const points: SeriesPoint[] = [[3_600_000, 3_660_000, 42]];
    const sealed = sealSeriesPoints(key, 'user-1', row, points);
    expect(openSeriesPoints(key, 'user-1', row, sealed)).toEqual(points);
    expect(() => openSeriesPoints(key, 'user-2', row, sealed)).toThrow(DecryptionError);
    expect(() => openSeriesPoints(key, 'user-1', { ...row, hourStart: 7_200_000 }, sealed)).toThrow(
      DecryptionError,
    );
  });
});
