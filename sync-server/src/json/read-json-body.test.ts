import { describe, expect, it } from 'vitest';
import { readJsonBody } from './read-json-body.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './nesting.js';
import { worstBodies } from './worst-bodies.test-helpers.js';

const nest = (depth: number) => Buffer.from('['.repeat(depth) + ']'.repeat(depth));

describe('nestsDeeperThan', () => {
  it('counts brackets outside strings only, escapes included', () => {
    expect(nestsDeeperThan(nest(3), 3)).toBe(false);
    expect(nestsDeeperThan(nest(4), 3)).toBe(true);
    expect(nestsDeeperThan(Buffer.from('{"a":"[[[[\\"[[[["}'), 1)).toBe(false);
    expect(nestsDeeperThan(Buffer.from('["\\\\",[[[]]]]'), 3)).toBe(true);
    expect(nestsDeeperThan(Buffer.from('["\\\\\\"[[[[[["]'), 1)).toBe(false);
  });
});

describe('readJsonBody', () => {
  it('refuses a body nested deeper than the bound', () => {
    expect(readJsonBody(nest(MAX_JSON_DEPTH))).toEqual(JSON.parse(nest(MAX_JSON_DEPTH).toString()));
    expect(() => readJsonBody(nest(MAX_JSON_DEPTH + 1))).toThrow(
      expect.objectContaining({ code: 'invalid-request', statusCode: 400 }),
    );
  });

  it('reads every worst body it does not refuse exactly as JSON.parse does', () => {
    for (const { name, body, tooDeep } of worstBodies(60 * 1024)) {
      if (tooDeep) expect(() => readJsonBody(body), name).toThrow(/deeper than/);
      else expect(readJsonBody(body), name).toEqual(JSON.parse(body.toString()));
    }
  });
});
