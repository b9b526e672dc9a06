import { createHash, randomBytes } from 'node:crypto';

/** A bearer secret: 256 random bits, base64url. Only its SHA-256 is ever stored. */
export function newSecretToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
