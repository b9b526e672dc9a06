import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import secureJson from 'secure-json-parse';
import { parseJsonBuffer } from './parse-json-buffer.js';

/** What Fastify's own parser answers: the value, or 'refused'. */
function reference(text: string): unknown {
  try {
    return {
      value: secureJson.parse(text, undefined, {
        protoAction: 'error',
        constructorAction: 'error',
      }) as unknown,
    };
  } catch {
    return 'refused';
  }
}

function splitting(text: string, limit: number): unknown {
  try {
    return { value: parseJsonBuffer(Buffer.from(text, 'utf8'), limit) };
  } catch (err) {
    expect(err).toBeInstanceOf(SyntaxError);
    return 'refused';
  }
}

/** Tiny limits split nearly every container, so the splitting path is what gets exercised. */
const limits = fc.integer({ min: 1, max: 40 });
const json = fc.jsonValue({ maxDepth: 4 });
const indent = fc.constantFrom(undefined, 0, 1, 2, '\t', ' \r\n ');

/** One edit that can break the grammar in the places the splitter reads. */
const edit = fc.record({
  at: fc.nat(),
  remove: fc.integer({ min: 0, max: 2 }),
  insert: fc.constantFrom('', ',', ':', '"', '\\', '[', ']', '{', '}', ' ', 'x', '1', '"a":'),
});

/** Arrays of flat objects (the shape read straight from bytes) with keys and strings that repeat. */
const flatValue = fc.oneof(
  fc.constantFrom('HEART_RATE', 'HEART_RATF', 'bpm', '', 'Zoë', 'a\\b', 'tab\there', '\u007f'),
  fc.string({ maxLength: 6 }),
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, 1e21, 123456789012345680000, 5e-324, true, false, null),
);
const flatObject = fc.dictionary(
  fc.constantFrom('type', 'value', 'unit', 'startDate', '1', '__proto__', 'constructor', 'é'),
  flatValue,
  { maxKeys: 6 },
);
const flatArray = fc.array(flatObject, { maxLength: 20 });

/** JSON text with numbers spelled other ways JSON allows (exponents, signs, long fractions). */
const respelledNumbers = fc.constantFrom(
  '[{"v":1E+2},{"v":-0},{"v":0.000001},{"v":1e400},{"v":-1.5e-7},{"v":12345678901234567890}]',
  '[{"v":10.0},{"v":1e-400},{"v":-0.0},{"v":9007199254740993},{"v":123456789012345}]',
  '[{"v":01}]',
  '[{"v":1.}]',
  '[{"v":-}]',
  '[{"v":+1}]',
  '[{"v":1e}]',
  '[{"v":.5}]',
  '[{"v":tru}]',
  '[{"v":nul},{"v":null}]',
);

describe('parseJsonBuffer', () => {
  it('reads arrays of flat objects as JSON.parse does, whatever their keys and values', () => {
    fc.assert(
      fc.property(flatArray, indent, limits, (value, space, limit) => {
        const text = JSON.stringify(value, null, space);
        expect(splitting(text, limit)).toEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads every spelling of a number as JSON.parse does, and refuses the same ones', () => {
    fc.assert(
      fc.property(respelledNumbers, limits, (text, limit) => {
        const result = splitting(text, limit);
        expect(result).toEqual(reference(text));
        if (result !== 'refused') {
          // toEqual treats -0 and 0 alike; JSON.parse keeps the sign.
          const values = (result as { value: Array<{ v: number }> }).value.map((o) => o.v);
          const expected = (JSON.parse(text) as Array<{ v: number }>).map((o) => o.v);
          values.forEach((v, i) => expect(Object.is(v, expected[i])).toBe(true));
        }
      }),
    );
  });

  it('gives what JSON.parse gives, for any JSON, spaced any way, split anywhere', () => {
    fc.assert(
      fc.property(json, indent, limits, (value, space, limit) => {
        const text = JSON.stringify(value, null, space);
        expect(splitting(text, limit)).toEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses exactly the texts Fastify refuses, for JSON broken by an edit', () => {
    fc.assert(
      fc.property(
        fc.oneof(json, flatArray),
        indent,
        limits,
        edit,
        (value, space, limit, change) => {
          const valid = JSON.stringify(value, null, space);
          const at = change.at % (valid.length + 1);
          const text = valid.slice(0, at) + change.insert + valid.slice(at + change.remove);
          expect(splitting(text, limit)).toEqual(reference(text));
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('refuses prototype poisoning at any depth, whether or not its object was split', () => {
    const poisoned = [
      '{"a":[1,2,3],"__proto__":{"admin":true}}',
      '{"a":[1,2,3],"\\u005f_proto__":{"admin":true}}',
      '{"samples":[{"x":1},{"constructor":{"prototype":{"admin":true}}}]}',
      '{"constructor":{"prototype":{"admin":true}},"padding":[1,2,3,4,5,6,7,8]}',
    ];
    for (const text of poisoned) {
      for (const limit of [1, 8, 1000]) {
        expect(() => parseJsonBuffer(Buffer.from(text), limit)).toThrow(SyntaxError);
      }
    }
    // A constructor that holds no prototype is an ordinary key, as in Fastify.
    expect(parseJsonBuffer(Buffer.from('{"constructor":"x","y":[1,2,3]}'), 4)).toEqual({
      constructor: 'x',
      y: [1, 2, 3],
    });
  });

  it('keeps multi-byte characters whole and ignores a leading byte-order mark', () => {
    const text = JSON.stringify({ samples: ['Zoë', '心拍数', '🫀', { clé: 'ß' }] });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(parseJsonBuffer(bom, 3)).toEqual(JSON.parse(text));
  });

  it('splits a device batch into one string per sample', () => {
    const samples = Array.from({ length: 2000 }, (_, i) => ({
      type: 'HEART_RATE',
      value: 60 + (i % 40),
      unit: 'bpm',
      startDate: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      endDate: new Date(Date.UTC(2026, 0, 1, 0, i + 1)).toISOString(),
    }));
    const body = Buffer.from(JSON.stringify({ samples }));
    expect(body.length).toBeGreaterThan(128 * 1024);
    expect(parseJsonBuffer(body)).toEqual({ samples });
  });
});
