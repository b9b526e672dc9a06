// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { localProfileCache } from './profileCache.js';

afterEach(() => localStorage.clear());

describe('localProfileCache', () => {
  it('keeps one account’s name under that account’s prefix, which sign-out wipes', () => {
    localProfileCache('a').write({ displayName: 'Ada' });
    expect(localProfileCache('a').read()).toEqual({ displayName: 'Ada' });
    expect(localProfileCache('b').read()).toBeNull();
    expect(localStorage.getItem('hearth:a:profile')).toBe('{"displayName":"Ada"}');
  });

  it('reads nothing from a damaged entry', () => {
    localStorage.setItem('hearth:a:profile', '{not json');
    expect(localProfileCache('a').read()).toBeNull();
    localStorage.setItem('hearth:a:profile', '{"displayName":7}');
    expect(localProfileCache('a').read()).toBeNull();
  });
});
