import { describe, expect, it } from 'vitest';
import { jsonEqual, sameClientFields } from './json-equal.js';

describe('jsonEqual', () => {
  it('compares objects as key sets (jsonb reorders keys) and arrays in order', () => {
    expect(jsonEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(jsonEqual([[1, 2, 3]], [[1, 2, 3]])).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
  });

  it('compares only the fields it is given', () => {
    const a = { name: 'Watch', updatedAt: '2026-01-01' };
    expect(sameClientFields(a, { ...a, updatedAt: '' }, ['name'])).toBe(true);
    expect(sameClientFields(a, { ...a, name: 'Phone' }, ['name'])).toBe(false);
  });
});
