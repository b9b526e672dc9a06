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

type Point = [HealthDataType, number, number, number];

const point = fc.tuple(
  fc.constantFrom(...HEALTH_DATA_TYPES),
  fc.integer({ min: -8.64e15, max: 8.64e15 }),
  fc.integer({ min: -8.64e15, max: 8.64e15 }),
  fc.double({ noNaN: true }),
);

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

  it('writes the documented layout: header of type names, then aligned little-endian doubles', () => {
    const buf = encode([
      ['STEPS', 1000, 61_000, 12],
      ['HEART_RATE', 2000, 2000, 61],
      ['STEPS', 3000, 63_000, 7],
    ]);
    // version, 2 types, "STEPS" (1 + 5), "HEART_RATE" (1 + 10) = 19 bytes, padded to 24.
    expect([...buf.subarray(0, 2)]).toEqual([1, 2]);
    expect(buf.toString('ascii', 3, 8)).toBe('STEPS');
    expect(buf.length).toBe(24 + 3 * 32);
    expect(buf.readDoubleLE(24 + 32)).toBe(1); // second sample's type index
    expect(buf.readDoubleLE(24 + 32 + 24)).toBe(61);
  });

  it('refuses a payload it does not understand', () => {
    const buf = encode([['STEPS', 0, 60_000, 1]]);
    expect(() => decodeInboxBatch(Buffer.concat([buf, Buffer.alloc(8)]), () => {})).toThrow(
      /Truncated/,
    );
    const other = Buffer.from(buf);
    other[0] = 9;
    expect(() => decodeInboxBatch(other, () => {})).toThrow(/format/);
  });

  it('opens only under the same key, user and device', () => {
    const key = randomBytes(32);
    const plain = encode([['STEPS', 0, 60_000, 1]]);
    const sealed = sealInboxBatch(key, 'user-1', 'watch', plain);
    expect(openInboxBatch(key, 'user-1', 'watch', sealed)).toEqual(plain);
    expect(() => openInboxBatch(key, 'user-1', 'phone', sealed)).toThrow(DecryptionError);
    expect(() => openInboxBatch(key, 'user-2', 'watch', sealed)).toThrow(DecryptionError);
    expect(() => openInboxBatch(randomBytes(32), 'user-1', 'watch', sealed)).toThrow(
      DecryptionError,
    );
  });
});
