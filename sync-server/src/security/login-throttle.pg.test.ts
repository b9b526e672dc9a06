import { describe, expect, it } from 'vitest';
import type { TestDatabase } from '../test-support/test-db.js';
import { useTestDatabase } from '../test-support/fixture.js';
import { LoginThrottle } from './login-throttle.js';

let db: TestDatabase;

useTestDatabase((fixture) => ({ db } = fixture), { poolMax: 4 });

const SCHEDULE = { freeAttempts: 2, baseDelayMs: 1_000, maxDelayMs: 4_000, forgetAfterMs: 60_000 };

function throttleAt(clock: { ms: number }) {
  return new LoginThrottle(db.pool, { schedule: SCHEDULE, now: () => clock.ms });
}

describe('LoginThrottle', () => {
  it('doubles the wait after the free attempts, up to the cap', async () => {
    const clock = { ms: Date.parse('2026-03-01T10:00:00Z') };
    const throttle = throttleAt(clock);
    const email = 'a@example.org';
    expect(await throttle.attempt(email)).toEqual({ allowed: true });
    expect(await throttle.attempt(email)).toEqual({ allowed: true });
    // Third attempt goes ahead and sets a 1 s wait; then 2 s, 4 s, 4 s.
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      expect(await throttle.attempt(email)).toEqual({ allowed: true });
      const refused = await throttle.attempt(email);
      if (refused.allowed) throw new Error('expected a wait');
      waits.push(refused.retryAfterMs);
      clock.ms += refused.retryAfterMs;
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 4_000]);
  });

  it('forgets after a quiet spell and after a success', async () => {
    const clock = { ms: Date.parse('2026-03-01T11:00:00Z') };
    const throttle = throttleAt(clock);
    for (let i = 0; i < 3; i++) await throttle.attempt('b@example.org');
    expect((await throttle.attempt('b@example.org')).allowed).toBe(false);
    clock.ms += 60_000;
    expect((await throttle.attempt('b@example.org')).allowed).toBe(true);
    expect((await throttle.attempt('b@example.org')).allowed).toBe(true);
    await throttle.succeeded('b@example.org');
    for (let i = 0; i < 3; i++)
      expect((await throttle.attempt('b@example.org')).allowed).toBe(true);
  });

  it('keys by the address whatever its case, and keeps addresses apart', async () => {
    const clock = { ms: Date.parse('2026-03-01T12:00:00Z') };
    const throttle = throttleAt(clock);
    for (let i = 0; i < 3; i++) await throttle.attempt('C@Example.org');
    expect((await throttle.attempt('c@example.org')).allowed).toBe(false);
    expect((await throttle.attempt('d@example.org')).allowed).toBe(true);
  });

  it('lets exactly the free attempts and one more through a concurrent burst', async () => {
    const clock = { ms: Date.parse('2026-03-01T13:00:00Z') };
    const throttle = throttleAt(clock);
    const results = await Promise.all(
      Array.from({ length: 30 }, () => throttle.attempt('e@example.org')),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
  });
});
