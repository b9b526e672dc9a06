import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/**
 * zxcvbn's score 3: at least 10^8 guesses by its estimate. Why 3 and not 2: the throttles make
 * online guessing slow whatever the score, so the threshold is set for a stolen database, where
 * each guess of an Argon2id hash (passwords.ts) costs ~30 ms of one core. 10^6 guesses (score 2)
 * fall in about 8 core-hours; 10^8 take about 35 core-days per account. A few unrelated words
 * ("correct horse battery", "long enough") pass; `password`, `12345678`, eight spaces, keyboard
 * walks and the address itself score 0.
 */
export const MIN_PASSWORD_SCORE = 3;

const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });

/** zxcvbn's warning keys, in words a person can act on. */
const REASONS: Record<string, string> = {
  topTen: 'It is one of the most common passwords.',
  topHundred: 'It is one of the most common passwords.',
  common: 'It is a commonly used password.',
  similarToCommon: 'It is too close to a commonly used password.',
  userInputs: 'It contains your email address.',
  simpleRepeat: 'Repeated characters are easy to guess.',
  extendedRepeat: 'Repeated characters are easy to guess.',
  sequences: 'Sequences like abc or 1234 are easy to guess.',
  straightRow: 'A row of keys is easy to guess.',
  keyPattern: 'A keyboard pattern is easy to guess.',
  dates: 'Dates are easy to guess.',
  recentYears: 'Recent years are easy to guess.',
};

/** What a guesser would try first: the address, its local part run together, and its words. */
function addressWords(email: string): string[] {
  const local = (email.split('@')[0] ?? '').replace(/[.+_-]+/g, '');
  return [email, local, ...email.split(/[@.+_-]+/).filter((w) => w.length >= 3)];
}

/**
 * Null when the password may be used for this address, else why not (a sentence for the person
 * choosing it). Cost: a few milliseconds, up to ~80 ms for the first call of a process (measured
 * on the dev machine); the schema caps passwords at 256 characters.
 */
export function passwordProblem(password: string, email: string): string | null {
  if (password.trim().toLowerCase() === email.toLowerCase()) {
    return 'It is your email address.';
  }
  const result = zxcvbn.check(password, addressWords(email));
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const warning = result.feedback.warning;
  return (warning && REASONS[warning]) || 'It would be easy to guess.';
}
