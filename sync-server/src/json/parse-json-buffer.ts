import secureJson from 'secure-json-parse';
import {
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COLON,
  COMMA,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
  closingQuote,
  skipSpace,
  trimEnd,
} from './bytes.js';
import { FlatObjectReader } from './flat-object.js';

/**
 * The largest span decoded into one string and handed to JSON.parse (bytes).
 *
 * Why a limit at all: V8 puts every string of 128 KiB or more in its large-object space, and on
 * the benchmark machine making one costs 0.6–1 ms (fresh pages, faulted in and later unmapped),
 * about 100 times the cost of copying the same bytes into a smaller string (`BENCH_ONLY=json`). A
 * device's 1,000-sample batch is 150–180 KB of JSON, so decoding it whole cost as much as
 * validating, encrypting and storing it. Spans over this limit are split at their top-level
 * commas instead, and only the pieces become strings. 48 KB of UTF-8 stays under 128 KiB even
 * when V8 must store it two bytes a character.
 */
export const JSON_PIECE_LIMIT = 48 * 1024;

/** Fastify's defaults: a `__proto__` key, or a `constructor` holding a `prototype`, is refused. */
const SECURE_OPTIONS = { protoAction: 'error', constructorAction: 'error' } as const;

function parsePiece(buf: Buffer, start: number, end: number): unknown {
  return secureJson.parse(buf.toString('utf8', start, end), undefined, SECURE_OPTIONS);
}

/** The index of the quote that closes the string opening at `at`, or -1 if none before `stop`. */
const stringEnd = closingQuote;

/**
 * The index of the byte that ends the value starting at `at`: the first `,`, `]` or `}` outside
 * any string and any bracket the value opened, or -1 when there is none before `stop`. Brackets
 * are counted without their kind: a mismatch inside a value is JSON.parse's to find when that
 * value is parsed, and one that closes the container early is caught by the container, which
 * checks the byte each member ends on.
 */
function valueEnd(buf: Buffer, at: number, stop: number): number {
  let depth = 0;
  for (let i = at; i < stop; i++) {
    const byte = buf[i];
    if (byte === QUOTE) {
      i = stringEnd(buf, i, stop);
      if (i < 0) return -1;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      depth++;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      if (depth === 0) return i;
      depth--;
    } else if (byte === COMMA && depth === 0) {
      return i;
    }
  }
  return -1;
}

/**
 * One pass over a body. Each member of a container is, in order of preference: a flat object read
 * straight from its bytes (FlatObjectReader: a device's sample); a value no longer than `limit`,
 * found by `valueEnd` and parsed as one piece; or a longer container, walked the same way (its
 * first `limit` bytes scanned twice at most, so the pass stays linear).
 */
class Splitter {
  /** Where parsing stands: after a member, the index of the byte that ends it. */
  at = 0;
  readonly #flat = new FlatObjectReader();

  constructor(
    private readonly buf: Buffer,
    private readonly end: number,
    private readonly limit: number,
  ) {}

  /** Parses the member starting at `this.at` (no leading space) up to its delimiter. */
  member(): unknown {
    const { buf, end, limit } = this;
    const start = this.at;
    const flat = this.#flat.read(buf, start, end);
    if (flat !== undefined) {
      this.at = skipSpace(buf, this.#flat.next, end);
      return flat;
    }
    // An array of objects (a batch's samples) is walked at once: finding its end first, to
    // parse it whole if short, would scan up to `limit` bytes of it for nothing.
    if (buf[start] === OPEN_ARRAY && buf[skipSpace(buf, start + 1, end)] === OPEN_OBJECT) {
      const items = this.array();
      this.at = skipSpace(buf, this.at, end);
      return items;
    }
    const stop = Math.min(end, start + limit + 1);
    const delimiter = valueEnd(buf, start, stop);
    if (delimiter >= 0) {
      this.at = delimiter;
      const valueStop = trimEnd(buf, start, delimiter);
      if (valueStop === start) throw new SyntaxError(`Missing value at byte ${start}`);
      return parsePiece(buf, start, valueStop);
    }
    return this.long();
  }

  /** Parses a member known to be longer than `limit` bytes: walked, or one long scalar. */
  long(): unknown {
    const { buf, end } = this;
    const start = this.at;
    const first = buf[start];
    let value: unknown;
    if (first === OPEN_ARRAY) {
      value = this.array();
    } else if (first === OPEN_OBJECT) {
      value = this.object();
    } else {
      // One long string or number: nothing to split.
      const longEnd = valueEnd(buf, start, end);
      this.at = longEnd < 0 ? end : longEnd;
      return parsePiece(buf, start, trimEnd(buf, start, this.at));
    }
    this.at = skipSpace(buf, this.at, end);
    return value;
  }

  /** After a member: true past a comma (and space), false past the container's `close`. */
  next(close: number): boolean {
    const byte = this.buf[this.at];
    if (byte === COMMA) {
      this.at = skipSpace(this.buf, this.at + 1, this.end);
      return true;
    }
    if (byte !== close) throw new SyntaxError(`Unexpected token at byte ${this.at}`);
    this.at++;
    return false;
  }

  /**
   * An array's members: a flat object read from its bytes (a device's sample); otherwise as many
   * whole members as fit in `limit` bytes, parsed as ONE piece. Why runs: parsed one by one, tiny
   * members (`[0,0,0,…]`, `[{"v":[0]},…]`) cost a string and a parse call each, 13–29 times
   * JSON.parse of the same bytes (bench/json-worst.ts); as runs, about what JSON.parse costs.
   */
  array(): unknown[] {
    const { buf, end } = this;
    // Members read one at a time go to `items`; runs stay the arrays JSON.parse made, and the
    // parts are joined once at the end (pushing a run's members one by one cost more than
    // parsing them).
    let items: unknown[] = [];
    const parts: unknown[][] = [];
    this.at = skipSpace(buf, this.at + 1, end);
    if (buf[this.at] === CLOSE_ARRAY) {
      this.at++;
      return items;
    }
    do {
      if (buf[this.at] === OPEN_OBJECT) {
        const flat = this.#flat.read(buf, this.at, end);
        if (flat !== undefined) {
          items.push(flat);
          this.at = skipSpace(buf, this.#flat.next, end);
          continue;
        }
      }
      const run = this.run();
      if (run) {
        parts.push(items, run);
        items = [];
      } else {
        // Not one whole member within `limit` bytes: scanning it again for its end is no use.
        items.push(this.long());
      }
    } while (this.next(CLOSE_ARRAY));
    if (parts.length === 0) return items;
    parts.push(items);
    return ([] as unknown[]).concat(...parts);
  }

  /**
   * Parses the members from `this.at` to the last comma (or the array's end) within `limit`
   * bytes as one piece, leaving `this.at` on that comma or bracket; null when not even one
   * member fits (a long one: `member` walks it).
   */
  run(): unknown[] | null {
    const { buf, limit } = this;
    const start = this.at;
    const stop = Math.min(this.end, start + limit);
    let depth = 0;
    let last = -1;
    for (let i = start; i < stop; i++) {
      const byte = buf[i];
      if (byte === QUOTE) {
        i = stringEnd(buf, i, stop);
        if (i < 0) break;
      } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
        depth++;
      } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
        if (depth === 0) {
          last = i;
          break;
        }
        depth--;
      } else if (byte === COMMA && depth === 0) {
        last = i;
      }
    }
    if (last < 0) return null;
    if (trimEnd(buf, start, last) === start)
      throw new SyntaxError(`Missing value at byte ${start}`);
    const values = secureJson.parse(
      `[${buf.toString('utf8', start, last)}]`,
      undefined,
      SECURE_OPTIONS,
    ) as unknown[];
    this.at = last;
    return values;
  }

  object(): object {
    const { buf, end } = this;
    const object: Record<string, unknown> = {};
    this.at = skipSpace(buf, this.at + 1, end);
    if (buf[this.at] === CLOSE_OBJECT) {
      this.at++;
      return object;
    }
    do {
      if (buf[this.at] !== QUOTE) throw new SyntaxError(`Expected a key at byte ${this.at}`);
      const keyClose = stringEnd(buf, this.at, end);
      if (keyClose < 0) throw new SyntaxError('Unterminated string in JSON');
      const keyEnd = keyClose + 1;
      // JSON.parse checks the key's escapes and characters.
      const key = JSON.parse(buf.toString('utf8', this.at, keyEnd)) as string;
      const colon = skipSpace(buf, keyEnd, end);
      if (buf[colon] !== COLON) throw new SyntaxError(`Expected a colon at byte ${colon}`);
      this.at = skipSpace(buf, colon + 1, end);
      const value = this.member();
      refuseProtoPoisoning(key, value);
      object[key] = value;
    } while (this.next(CLOSE_OBJECT));
    return object;
  }
}

/** secure-json-parse's rule, for the objects assembled here rather than by it. */
function refuseProtoPoisoning(key: string, value: unknown): void {
  const poisoned =
    key === '__proto__' ||
    (key === 'constructor' &&
      value !== null &&
      typeof value === 'object' &&
      Object.hasOwn(value, 'prototype'));
  if (poisoned) throw new SyntaxError('Object contains forbidden prototype property');
}

/**
 * Parses a JSON body exactly as Fastify's default parser does (JSON.parse plus secure-json-parse's
 * prototype checks, a leading byte-order mark ignored), without ever decoding more than `limit`
 * bytes into one string. Throws a SyntaxError for anything JSON.parse would refuse.
 */
export function parseJsonBuffer(body: Buffer, limit = JSON_PIECE_LIMIT): unknown {
  const hasBom = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
  const start = skipSpace(body, hasBom ? 3 : 0, body.length);
  const end = trimEnd(body, start, body.length);
  if (end - start <= limit) return parsePiece(body, start, end);
  const first = body[start];
  if (first !== OPEN_ARRAY && first !== OPEN_OBJECT) return parsePiece(body, start, end);
  const splitter = new Splitter(body, end, limit);
  splitter.at = start;
  const value = first === OPEN_ARRAY ? splitter.array() : splitter.object();
  if (splitter.at !== end) throw new SyntaxError(`Unexpected token at byte ${splitter.at}`);
  return value;
}
