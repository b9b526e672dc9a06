import { MAX_JSON_DEPTH } from './nesting.js';

/** A body built to cost a JSON reader as much as possible for its size, and what it is. */
export interface WorstBody {
  name: string;
  body: Buffer;
  /** Whether the server refuses it unparsed (too deep), rather than parsing it. */
  tooDeep: boolean;
}

/** `unit` repeated to about `bytes` bytes (whole units only). */
function repeat(unit: string, bytes: number): string {
  return unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));
}

/** Drops a trailing comma left by `repeat` of a "member," unit. */
const members = (unit: string, bytes: number) => repeat(unit, bytes).replace(/,$/, '');

/** Nested `depth` levels deep around `inner`: `[[[…inner…]]]`. */
const nest = (depth: number, inner: string) => '['.repeat(depth) + inner + ']'.repeat(depth);

/**
 * The worst bodies of about `bytes` bytes that could be built against these readers: nesting
 * (the cost that grew with depth), and the shapes whose cost is per token (many keys, many tiny
 * numbers, many tiny objects, unicode escapes) or per byte (one long string).
 */
export function worstBodies(bytes: number): WorstBody[] {
  const n = bytes;
  let keyNo = 0;
  const bodies: Array<[string, string, boolean]> = [
    ['deep nesting', nest(Math.floor(n / 2), ''), true],
    ['deep objects', repeat('{"a":', n - 2) + '1' + '}'.repeat(Math.floor((n - 2) / 5)), true],
    ['nesting at the limit, wide', nest(MAX_JSON_DEPTH - 2, members('[[1]],', n)), false],
    ['many keys', `{${members('"k":0,', n).replace(/"k"/g, () => `"k${keyNo++}"`)}}`, false],
    ['many small numbers', `[${members('0,', n)}]`, false],
    ['many tiny objects', `[${members('{},', n)}]`, false],
    ['long string', `["${repeat('a', n)}"]`, false],
    ['unicode escapes', `["${repeat('\\u00e9', n)}"]`, false],
    ['escaped quotes', `["${repeat('\\"', n)}"]`, false],
    ['samples of nested arrays', `{"samples":[${members('{"v":[[[0]]]},', n)}]}`, false],
  ];
  return bodies.map(([name, text, tooDeep]) => ({ name, body: Buffer.from(text), tooDeep }));
}
