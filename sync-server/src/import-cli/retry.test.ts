import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  parseRetryAfterMs,
  retryDelayMs,
} from './retry.js';

const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };

describe('retry schedule', () => {
  it('doubles from the base, capped, its upper half jittered', () => {
    expect([1, 2, 3, 4, 5, 6].map((r) => backoffDelayMs(policy, r, () => 0))).toEqual([
      50, 100, 200, 400, 500, 500,
    ]);
    expect([1, 2, 3, 4, 5, 6].map((r) => backoffDelayMs(policy, r, () => 1))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('retries 429 and 5xx only', () => {
    expect([200, 400, 401, 404, 413, 429, 500, 502, 503].filter(isRetryableStatus)).toEqual([
      429, 500, 502, 503,
    ]);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfterMs('60', now)).toBe(60_000);
    expect(parseRetryAfterMs(' 0 ', now)).toBe(0);
    expect(parseRetryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs('soon', now)).toBeNull();
    expect(parseRetryAfterMs(null, now)).toBeNull();
  });

  it('waits what the server asked, up to a bound, else backs off', () => {
    expect(retryDelayMs(policy, 1, 2000, () => 0)).toBe(2000);
    expect(retryDelayMs(policy, 1, 60_000, () => 0)).toBe(5000);
    expect(retryDelayMs(policy, 3, null, () => 0)).toBe(200);
  });

  it('gives up after at most half a minute of waits by default', () => {
    const policyMax = DEFAULT_RETRY_POLICY;
    let total = 0;
    for (let r = 1; r < policyMax.attempts; r++) total += backoffDelayMs(policyMax, r, () => 1);
    expect(total).toBe(31_500);
  });
});
