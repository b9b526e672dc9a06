import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Envelope encryption (SPECIFICATION.md §6). Every health value at rest is AES-256-GCM under the user's
 * own 32-byte data key; the data key itself is stored wrapped (AES-256-GCM) by the master key.
 *
 * Sealed layout: [version 1 byte][nonce 12 bytes][tag 16 bytes][ciphertext].
 * The additional authenticated data binds a ciphertext to its place (user, table, row key),
 * so a payload copied to another row or another user fails to decrypt.
 */
const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + NONCE_BYTES + TAG_BYTES;
export const KEY_BYTES = 32;

export class DecryptionError extends Error {
  constructor(message = 'Ciphertext does not authenticate') {
    super(message);
    this.name = 'DecryptionError';
  }
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`Keys are ${KEY_BYTES} bytes`);
}

export function seal(key: Buffer, plaintext: Uint8Array, aad: string): Buffer {
  assertKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), nonce, cipher.getAuthTag(), body]);
}

export function open(key: Buffer, sealed: Uint8Array, aad: string): Buffer {
  assertKey(key);
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (buf.length < HEADER_BYTES || buf[0] !== VERSION) {
    throw new DecryptionError('Not a Hearth ciphertext');
  }
  const nonce = buf.subarray(1, 1 + NONCE_BYTES);
  const tag = buf.subarray(1 + NONCE_BYTES, HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(buf.subarray(HEADER_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}

export function sealJson(key: Buffer, value: unknown, aad: string): Buffer {
  return seal(key, Buffer.from(JSON.stringify(value), 'utf8'), aad);
}

export function openJson(key: Buffer, sealed: Uint8Array, aad: string): unknown {
  return JSON.parse(open(key, sealed, aad).toString('utf8'));
}

export function parseMasterKey(hex: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('The master key is 64 hex characters');
  return Buffer.from(hex, 'hex');
}

export function generateDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

const wrapAad = (userId: string) => `hearth/user-key/${userId}`;

export function wrapUserKey(masterKey: Buffer, userId: string, dataKey: Buffer): Buffer {
  assertKey(dataKey);
  return seal(masterKey, dataKey, wrapAad(userId));
}

export function unwrapUserKey(masterKey: Buffer, userId: string, wrapped: Uint8Array): Buffer {
  return open(masterKey, wrapped, wrapAad(userId));
}

/**
 * The AAD for one row: `hearth/<table>/<userId>/<row key parts...>`. Parts must not contain `/`
 * ambiguously; every part is URI-encoded so the mapping is injective.
 */
export function rowAad(table: string, userId: string, ...rowKey: Array<string | number>): string {
  return ['hearth', table, userId, ...rowKey].map((p) => encodeURIComponent(String(p))).join('/');
}
