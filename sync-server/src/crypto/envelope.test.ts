import { describe, expect, it } from 'vitest';
import {
  DecryptionError,
  generateDataKey,
  open,
  openJson,
  rowAad,
  seal,
  sealJson,
  unwrapUserKey,
  wrapUserKey,
} from './envelope.js';

const master = Buffer.alloc(32, 7);

describe('envelope encryption', () => {
  it('round-trips and uses a fresh nonce every time', () => {
    const key = generateDataKey();
    const aad = rowAad('series', 'u1', 'd1', 'STEPS', 0);
    const a = sealJson(key, { steps: 1234 }, aad);
    const b = sealJson(key, { steps: 1234 }, aad);
    expect(a.equals(b)).toBe(false);
    expect(openJson(key, a, aad)).toEqual({ steps: 1234 });
    expect(a.includes(Buffer.from('1234'))).toBe(false);
  });

  it('refuses a ciphertext moved to another row, user or key', () => {
    const key = generateDataKey();
    const sealed = seal(key, Buffer.from('secret'), rowAad('rollups', 'u1', 'STEPS', 'day', 1));
    expect(() => open(key, sealed, rowAad('rollups', 'u1', 'STEPS', 'day', 2))).toThrow(
      DecryptionError,
    );
    expect(() => open(key, sealed, rowAad('rollups', 'u2', 'STEPS', 'day', 1))).toThrow(
      DecryptionError,
    );
    expect(() =>
      open(generateDataKey(), sealed, rowAad('rollups', 'u1', 'STEPS', 'day', 1)),
    ).toThrow(DecryptionError);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 1;
    expect(() => open(key, tampered, rowAad('rollups', 'u1', 'STEPS', 'day', 1))).toThrow(
      DecryptionError,
    );
  });

  it('wraps a user key so that only the same user id unwraps it', () => {
    const key = generateDataKey();
    const wrapped = wrapUserKey(master, 'user-a', key);
    expect(unwrapUserKey(master, 'user-a', wrapped).equals(key)).toBe(true);
    expect(() => unwrapUserKey(master, 'user-b', wrapped)).toThrow(DecryptionError);
    expect(() => unwrapUserKey(Buffer.alloc(32, 8), 'user-a', wrapped)).toThrow(DecryptionError);
  });

  it('builds unambiguous row AADs', () => {
    expect(rowAad('t', 'u', 'a/b', 'c')).not.toBe(rowAad('t', 'u', 'a', 'b/c'));
  });
});
