import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEALTH_DATA_TYPES, type HealthDataType } from '@hearth/schema';
import { DecryptionError } from '../crypto/envelope.js';
import {
  decodeInboxBatch,
  InboxBatchEncoder,
  openInboxBatch,
  sealInboxBatch,
} from './inbox-codec.js';

type Point = [HealthDataType, number, number, number, number];

const instant = fc.oneof(
  fc.integer({ min: 1.5e12, max: 2.1e12 }),
  fc.integer({ min: -(2 ** 50), max: 2 ** 50 }),
);
const value = fc.oneof(
  fc.integer({ min: 0, max: 300 }),
  fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
  fc.double({ noNaN: true }),
);
const point: fc.Arbitrary<Point> = fc
  .tuple(
    fc.constantFrom(...HEALTH_DATA_TYPES),
    instant,
    fc.integer({ min: 0, max: 2 ** 40 }),
    value,
    fc.constantFrom(0, 0, 1, 2, 3, 4, 5),
  )
  .map(([type, start, duration, v, stage]) => [
    type,
    start,
    Math.min(start + duration, 2 ** 50),
    v,
    type === 'SLEEP_ANALYSIS' ? stage : 0,
  ]);

function encode(points: readonly Point[], expected = points.length): Buffer {
  const encoder = new InboxBatchEncoder(expected);
  for (const p of points) encoder.add(...p);
  return encoder.encode();
}

function decode(buf: Buffer): Point[] {
  const out: Point[] = [];
  decodeInboxBatch(buf, (...p) => out.push(p));
  return out;
}

describe('inbox payload codec', () => {
  it('gives back every sample, in the order sent, whatever the initial capacity', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 60 }), fc.nat(8), (points, expected) => {
        expect(decode(encode(points, expected))).toEqual(points);
      }),
    );
  });

  it('writes the documented layout: type names, then tagged zigzag varints', () => {
    const buf = encode([
      ['STEPS', 1000, 61_000, 12, 0],
      ['HEART_RATE', 2000, 2000, 61.5, 0],
    ]);
    // version, 2 types, "STEPS" (1 + 5), "HEART_RATE" (1 + 10): 19 bytes of header.
    expect([...buf.subarray(0, 2)]).toEqual([2, 2]);
    expect(buf.toString('ascii', 3, 8)).toBe('STEPS');
    expect([...buf.subarray(19, 26)]).toEqual([
      0x00, // STEPS, integer value
      0xd0,
      0x0f, // start: zigzag(1000) = 2000
      0xe0,
      0xd4,
      0x03, // duration 60,000
      0x18, // value: zigzag(12) = 24
    ]);
    expect([...buf.subarray(26, 29)]).toEqual([0x81, 0xd0, 0x0f]); // HEART_RATE, float; +1000
    expect(buf[29]).toBe(0); // no duration
    expect(buf.readDoubleLE(30)).toBe(61.5);
    expect(buf.length).toBe(38);
  });

  it("takes a few bytes a sample for a watch's minute-by-minute data", () => {
    const minute = 60_000;
    const points = Array.from({ length: 1000 }, (_, i): Point => [
      'HEART_RATE',
      1.77e12 + i * minute,
      1.77e12 + i * minute,
      50 + (i % 80),
      0,
    ]);
    expect(encode(points).length).toBeLessThan(1000 * 7);
  });

  it('names a sleep stage once in the header, not per sample', () => {
    const night: Point[] = [
      ['SLEEP_ANALYSIS', 0, 60_000, 1, 2],
      ['SLEEP_ANALYSIS', 60_000, 120_000, 1, 2],
      ['SLEEP_ANALYSIS', 120_000, 180_000, 1, 0],
    ];
    const buf = encode(night);
    expect(buf[1]).toBe(2);
    expect(buf.toString('ascii', 3, 19)).toBe('SLEEP_ANALYSIS#2');
    expect(decode(buf)).toEqual(night);
  });

  it('still decodes version 1 payloads, written before stages', () => {
    // Version 1, one type "STEPS", one sample: start 1000, duration 60,000, 12 steps.
    const v1 = Buffer.from([
      1,
      1,
      5,
      ...Buffer.from('STEPS'),
      0x00,
      0xd0,
      0x0f,
      0xe0,
      0xd4,
      0x03,
      0x18,
    ]);
    expect(decode(v1)).toEqual([['STEPS', 1000, 61_000, 12, 0]]);
  });

  it('refuses a payload it does not understand', () => {
    const buf = encode([['STEPS', 0, 60_000, 1.5, 0]]);
    expect(() => decodeInboxBatch(buf.subarray(0, buf.length - 1), () => {})).toThrow(/Truncated/);
    const unknownType = Buffer.concat([buf, Buffer.from([0x05, 0, 0, 0])]);
    expect(() => decodeInboxBatch(unknownType, () => {})).toThrow(/unknown type/);
    const other = Buffer.from(buf);
    other[0] = 9;
    expect(() => decodeInboxBatch(other, () => {})).toThrow(/format/);
  });

  it('refuses samples it could not store exactly', () => {
    const encoder = new InboxBatchEncoder(1);
    expect(() => encoder.add('STEPS', 10, 5, 1)).toThrow(/end ≥ start/);
    expect(() => encoder.add('STEPS', 0.5, 1, 1)).toThrow(/whole-millisecond/);
  });

  it('opens only under the same key, user and device', () => {
    const key = randomBytes(32);
    const plain = encode([['STEPS', 0, 60_000, 1, 0]]);
    const sealed = sealInboxBatch(key, 'user-1', 'watch', plain);
    expect(openInboxBatch(key, 'user-1', 'watch', sealed)).toEqual(plain);
    expect(() => openInboxBatch(key, 'user-1', 'phone', sealed)).toThrow(DecryptionError);
    expect(() => openInboxBatch(key, 'user-2', 'watch', sealed)).toThrow(DecryptionError);
    expect(() => openInboxBatch(randomBytes(32), 'user-1', 'watch', sealed)).toThrow(
      DecryptionError,
    );
  });
});
