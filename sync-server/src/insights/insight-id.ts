import { createHmac, hkdfSync } from 'node:crypto';

/** Marks an opaque id; a legacy id (`${kind}:${subject}:${date}`) always contains a colon. */
const PREFIX = 'i_';

/** The user's key for insight ids: derived from their data key, so erasure destroys it too. */
function idKey(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'hearth/insight-id', 32));
}

/**
 * The id an insight is stored and replicated under: an HMAC of its stable id
 * (`${kind}:${subject}:${date}`, from core's computeInsights) under a per-user key. The same
 * insight recomputed gets the same id, so it replaces itself and is never duplicated, while the
 * row key tells a reader of the database (or of a backup) nothing: what it is about and its date
 * are inside the encrypted payload. 128 bits, base64url.
 */
export function opaqueInsightId(dataKey: Buffer, stableId: string): string {
  const mac = createHmac('sha256', idKey(dataKey)).update(stableId, 'utf8').digest();
  return PREFIX + mac.subarray(0, 16).toString('base64url');
}

/** Rows written before insight ids were opaque (see legacy-metadata.ts). */
export function isLegacyInsightId(id: string): boolean {
  return id.includes(':');
}
