/** The bytes of JSON's structure, and its whitespace, as the byte-level readers see them. */
export const SPACE = 0x20;
export const TAB = 0x09;
export const LF = 0x0a;
export const CR = 0x0d;
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const OPEN_ARRAY = 0x5b;
export const CLOSE_ARRAY = 0x5d;
export const OPEN_OBJECT = 0x7b;
export const CLOSE_OBJECT = 0x7d;

export function isSpace(byte: number | undefined): boolean {
  return byte === SPACE || byte === LF || byte === CR || byte === TAB;
}

/** The first index from `at` that is not JSON whitespace (or `end`). */
export function skipSpace(buf: Buffer, at: number, end: number): number {
  while (at < end && isSpace(buf[at])) at++;
  return at;
}

/** `end` moved back over trailing JSON whitespace, never before `start`. */
export function trimEnd(buf: Buffer, start: number, end: number): number {
  while (end > start && isSpace(buf[end - 1])) end--;
  return end;
}
