import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { DecryptionError } from '../crypto/envelope.js';
import { describeFailure, retryDelayMs } from './job-failure.js';

/** The fields pg's DatabaseError carries for a server-side error. */
function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'ERROR' });
}

describe('describeFailure', () => {
  it('names a data error by its SQLSTATE, never quoting the value PostgreSQL refused', () => {
    const failure = describeFailure(
      pgError('22008', 'date/timestamp out of range: "0000-01-01T00:00:00Z"'),
    );
    expect(failure).toEqual({
      reason: 'postgres 22008 datetime_field_overflow',
      transient: false,
    });
  });

  it('counts no try for an outage: connection lost, backend killed, deadlock', () => {
    expect(describeFailure(pgError('57P01', 'terminating connection')).transient).toBe(true);
    expect(describeFailure(pgError('40P01', 'deadlock detected')).transient).toBe(true);
    expect(describeFailure(new Error('Connection terminated unexpectedly')).transient).toBe(true);
    const reset = Object.assign(new Error('read ECONNRESET'), {
      code: 'ECONNRESET',
      syscall: 'read',
    });
    expect(describeFailure(reset)).toEqual({ reason: 'connection ECONNRESET', transient: true });
  });

  it('names other errors by class, code and where they were thrown, without their message', () => {
    const app = describeFailure(new AppError('not-found', 'No settings for user 42'));
    expect(app).toEqual({ reason: 'app not-found', transient: false });
    const codec = describeFailure(new DecryptionError('value 73.2 did not open'));
    expect(codec.transient).toBe(false);
    expect(codec.reason).toMatch(/^DecryptionError at .*job-failure\.test\.ts:\d+$/);
    expect(codec.reason).not.toContain('73.2');
    expect(describeFailure('a string')).toEqual({ reason: 'Error', transient: false });
  });
});

describe('retryDelayMs', () => {
  it('grows fourfold from the base delay, and is capped', () => {
    const policy = { maxAttempts: 5, baseDelayMs: 2000 };
    expect([1, 2, 3, 4].map((n) => retryDelayMs(policy, n))).toEqual([2000, 8000, 32000, 128000]);
    expect(retryDelayMs(policy, 40)).toBe(15 * 60_000);
  });
});
