import {
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
  closingQuote,
} from './bytes.js';

/**
 * The deepest nesting any body the server reads may have. Hearth's own bodies nest at most six
 * levels (a replication push: body → rows → row → document → points → point); 16 leaves room for
 * a device's metadata and refuses the bodies whose cost grows with depth: a 60 KB `[[[[…` cost
 * 420 ms in a byte-level reader the server once had, and JSON.parse itself spends 7 ms on it (100
 * times what it spends on 60 KB of numbers). bench/json-worst.ts measures the bounded reader.
 */
export const MAX_JSON_DEPTH = 16;

/**
 * True when the JSON in `buf` opens more than `max` arrays and objects inside one another. One
 * pass over the bytes: linear in the body, and a fraction of what JSON.parse costs on the same
 * bytes. Malformed JSON is not judged here (the parser refuses it).
 */
export function nestsDeeperThan(buf: Buffer, max: number): boolean {
  let depth = 0;
  const end = buf.length;
  for (let i = 0; i < end; i++) {
    const byte = buf[i];
    if (byte === QUOTE) {
      i = closingQuote(buf, i, end);
      if (i < 0) return false;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}
