import {
  BACKSLASH,
  CLOSE_OBJECT,
  COLON,
  COMMA,
  OPEN_OBJECT,
  QUOTE,
  SPACE,
  skipSpace,
} from './bytes.js';

/**
 * Reads the commonest member of a large body, an object whose values are all strings, numbers,
 * booleans or null (a device's sample), straight from its bytes, cheaper than decoding it to text
 * and handing that to JSON.parse (a watch batch in 0.66–0.73 of the time, BENCHMARKS.md). It takes
 * only what it can read exactly as JSON.parse would: printable-ASCII strings with no escape,
 * numbers in JSON's grammar. For anything else (an escape, a non-ASCII byte, a nested value, a
 * `__proto__` key, a syntax error) it gives up, and the caller parses the member with
 * JSON.parse, which also reports the errors.
 */

/**
 * skipSpace, for the common case of no space at all (compact JSON): every JSON space byte is at
 * most 0x20, and the one comparison keeps the call off the hot path.
 */
function skipAnySpace(buf: Buffer, at: number, end: number): number {
  return (buf[at] as number) > SPACE ? at : skipSpace(buf, at, end);
}

const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;
/** Printable ASCII ends here (DEL is allowed unescaped in JSON and decodes the same). */
const LAST_ASCII = 0x7f;
/** Whole numbers with at most this many digits are exact as they accumulate. */
const EXACT_DIGITS = 15;

const LITERALS: ReadonlyArray<readonly [string, boolean | null]> = [
  ['true', true],
  ['false', false],
  ['null', null],
];

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= ZERO && byte <= NINE;
}

/** The closing quote of a plain string whose content starts at `at`, or -1. */
function plainStringEnd(buf: Buffer, at: number, end: number): number {
  for (let i = at; i < end; i++) {
    const byte = buf[i] as number;
    if (byte === QUOTE) return i;
    if (byte < SPACE || byte > LAST_ASCII || byte === BACKSLASH) return -1;
  }
  return -1;
}

/** The end of a JSON number starting at `at`, or -1 when the bytes are not one. */
function numberEnd(buf: Buffer, at: number, end: number): number {
  let i = at;
  if (buf[i] === MINUS) i++;
  if (buf[i] === ZERO) i++;
  else if (isDigit(buf[i])) while (i < end && isDigit(buf[i])) i++;
  else return -1;
  if (buf[i] === DOT) {
    if (!isDigit(buf[++i])) return -1;
    while (i < end && isDigit(buf[i])) i++;
  }
  if (buf[i] === LOWER_E || buf[i] === UPPER_E) {
    i++;
    if (buf[i] === PLUS || buf[i] === MINUS) i++;
    if (!isDigit(buf[i])) return -1;
    while (i < end && isDigit(buf[i])) i++;
  }
  return i > end ? -1 : i;
}

function numberValue(buf: Buffer, at: number, stop: number): number {
  const negative = buf[at] === MINUS;
  const first = negative ? at + 1 : at;
  if (stop - first <= EXACT_DIGITS) {
    let n = 0;
    let i = first;
    for (; i < stop; i++) {
      const byte = buf[i] as number;
      if (byte < ZERO || byte > NINE) break;
      n = n * 10 + (byte - ZERO);
    }
    // -0 stays -0, as JSON.parse gives it.
    if (i === stop) return negative ? -n : n;
  }
  // Number() and JSON.parse round a decimal the same way (to nearest).
  return Number(buf.toString('latin1', at, stop));
}

function literalEnd(buf: Buffer, at: number, end: number, text: string): number {
  if (at + text.length > end) return -1;
  for (let k = 0; k < text.length; k++) {
    if (buf[at + k] !== text.charCodeAt(k)) return -1;
  }
  return at + text.length;
}

/** Whether the bytes from `at` spell `text` (ASCII) and a quote closes them before `end`. */
function spellsString(buf: Buffer, at: number, end: number, text: string): boolean {
  const close = at + text.length;
  if (close >= end || buf[close] !== QUOTE) return false;
  for (let k = 0; k < text.length; k++) {
    if (buf[at + k] !== text.charCodeAt(k)) return false;
  }
  return true;
}

/** After this many misses in a row a place stops comparing (a date), but for every 8th string. */
const MISSES_BEFORE_SKIPPING = 2;

/** What a place remembers: its last string and how often in a row the bytes differed from it. */
class Memory {
  readonly strings: Array<string | undefined> = [];
  readonly misses: number[] = [];
}

/**
 * Reads flat objects one after another. The objects of one body nearly always share their keys,
 * in the same order, and many of their string values (a sample's type and unit): each key and
 * string is compared with the one the previous object had in the same place and reused when the
 * bytes match, instead of becoming a new string (the costliest step here). A match needs no other
 * check: the remembered string was plain when it was read. Places whose strings keep changing (a
 * sample's dates) mostly skip the comparison.
 */
export class FlatObjectReader {
  /** After a successful read: the index just past the closing brace. */
  next = 0;
  readonly #keys = new Memory();
  readonly #values = new Memory();
  /** After #string: the index of the closing quote. */
  #close = 0;

  /** The object starting at `at` (its `{`), or undefined when it is not one this reader takes. */
  read(buf: Buffer, at: number, end: number): Record<string, unknown> | undefined {
    if (buf[at] !== OPEN_OBJECT) return undefined;
    const object: Record<string, unknown> = {};
    let i = skipAnySpace(buf, at + 1, end);
    if (buf[i] === CLOSE_OBJECT) {
      this.next = i + 1;
      return object;
    }
    for (let place = 0; ; place++) {
      if (buf[i] !== QUOTE) return undefined;
      const key = this.#string(this.#keys, place, buf, i + 1, end);
      // Assigning __proto__ would set the prototype: JSON.parse (and its refusal) decides.
      if (key === undefined || key === '__proto__') return undefined;
      i = skipAnySpace(buf, this.#close + 1, end);
      if (buf[i] !== COLON) return undefined;
      i = skipAnySpace(buf, i + 1, end);
      const valueEnd = this.#value(buf, i, end, object, key, place);
      if (valueEnd < 0) return undefined;
      i = skipAnySpace(buf, valueEnd, end);
      if (buf[i] === COMMA) {
        i = skipAnySpace(buf, i + 1, end);
      } else if (buf[i] === CLOSE_OBJECT) {
        this.next = i + 1;
        return object;
      } else {
        return undefined;
      }
    }
  }

  /** Stores the value at `at` under `key`; returns where it ends, or -1. */
  #value(
    buf: Buffer,
    at: number,
    end: number,
    object: Record<string, unknown>,
    key: string,
    place: number,
  ): number {
    const first = buf[at];
    if (first === QUOTE) {
      const text = this.#string(this.#values, place, buf, at + 1, end);
      if (text === undefined) return -1;
      object[key] = text;
      return this.#close + 1;
    }
    if (first === MINUS || isDigit(first)) {
      const stop = numberEnd(buf, at, end);
      if (stop < 0) return -1;
      object[key] = numberValue(buf, at, stop);
      return stop;
    }
    for (const [text, value] of LITERALS) {
      const stop = literalEnd(buf, at, end, text);
      if (stop >= 0) {
        object[key] = value;
        return stop;
      }
    }
    return -1;
  }

  /**
   * The plain string whose content starts at `at` (its closing quote in #close), or undefined.
   * Keys are kept in V8's internalised form, which property stores need.
   */
  #string(memory: Memory, place: number, buf: Buffer, at: number, end: number) {
    const previous = memory.strings[place];
    const misses = memory.misses[place] ?? 0;
    const compare = misses < MISSES_BEFORE_SKIPPING || misses % 8 === 0;
    if (previous !== undefined && compare && spellsString(buf, at, end, previous)) {
      memory.misses[place] = 0;
      this.#close = at + previous.length;
      return previous;
    }
    memory.misses[place] = misses + 1;
    const close = plainStringEnd(buf, at, end);
    if (close < 0) return undefined;
    const read = buf.toString('latin1', at, close);
    const text = memory === this.#keys ? (Object.keys({ [read]: 0 })[0] as string) : read;
    memory.strings[place] = text;
    this.#close = close;
    return text;
  }
}
