import argon2 from 'argon2';
import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.js';
import { PASSWORD_HASH_OPTIONS, TIMING_EQUALISER_HASH } from './passwords.js';

const EMAIL = 'ann.lee@example.org';

describe('passwordProblem', () => {
  it.each(['12345678', 'password', '        ', 'qwertyuiop', 'Password1!', 'aaaaaaaaaaaa'])(
    'refuses the common or trivial %j',
    (password) => {
      expect(passwordProblem(password, EMAIL)).toEqual(expect.any(String));
    },
  );

  it('refuses the address itself and passwords built from it', () => {
    expect(passwordProblem(EMAIL, EMAIL)).toBe('It is your email address.');
    expect(passwordProblem('ANN.LEE@EXAMPLE.ORG', EMAIL)).toBe('It is your email address.');
    expect(passwordProblem('annlee2026', EMAIL)).toEqual(expect.any(String));
  });

  it('says why in words', () => {
    expect(passwordProblem('password', EMAIL)).toBe('It is one of the most common passwords.');
    expect(passwordProblem('        ', EMAIL)).toBe('Repeated characters are easy to guess.');
  });

  it.each(['correct horse battery', 'long enough', 'a long test password', 'Tr0ub4dor&3'])(
    'accepts %j',
    (password) => {
      expect(passwordProblem(password, EMAIL)).toBeNull();
    },
  );
});

describe('the timing equaliser hash', () => {
  it('is made with the parameters of real hashes, so checking it costs the same', () => {
    expect(argon2.needsRehash(TIMING_EQUALISER_HASH, PASSWORD_HASH_OPTIONS)).toBe(false);
  });
});
