import { describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../test-support/test-db.js';
import { useTestDatabase } from '../../test-support/fixture.js';
import { ShareCodeMissLimiter } from './miss-limiter.js';

let db: TestDatabase;

useTestDatabase((fixture) => ({ db } = fixture), { poolMax: 2 });

function limiterAt(clock: { ms: number }) {
  return new ShareCodeMissLimiter(db.pool, {
    limit: { maxMisses: 3, windowMs: 60_000 },
    now: () => clock.ms,
  });
}

describe('ShareCodeMissLimiter', () => {
  it('blocks a client after its misses fill the window, until the window ends', async () => {
    const clock = { ms: Date.parse('2026-03-01T10:00:00Z') };
    const limiter = limiterAt(clock);
    for (let i = 0; i < 3; i++) {
      expect(await limiter.blockedForMs('198.51.100.1')).toBe(0);
      await limiter.recordMiss('198.51.100.1');
      clock.ms += 1_000;
    }
    // Three misses in 3 s: blocked for the 57 s left of the window that opened at the first.
    expect(await limiter.blockedForMs('198.51.100.1')).toBe(57_000);
    clock.ms += 56_999;
    expect(await limiter.blockedForMs('198.51.100.1')).toBe(1);
    clock.ms += 1;
    expect(await limiter.blockedForMs('198.51.100.1')).toBe(0);
  });

  it('opens a fresh window once the old one is over', async () => {
    const clock = { ms: Date.parse('2026-03-01T11:00:00Z') };
    const limiter = limiterAt(clock);
    await limiter.recordMiss('198.51.100.2');
    await limiter.recordMiss('198.51.100.2');
    clock.ms += 61_000;
    // Two old misses plus one new: the count restarts, so one more miss still does not block.
    await limiter.recordMiss('198.51.100.2');
    await limiter.recordMiss('198.51.100.2');
    expect(await limiter.blockedForMs('198.51.100.2')).toBe(0);
    await limiter.recordMiss('198.51.100.2');
    expect(await limiter.blockedForMs('198.51.100.2')).toBe(60_000);
  });

  it('keeps clients apart and is shared by every limiter on the database', async () => {
    const clock = { ms: Date.parse('2026-03-01T12:00:00Z') };
    const first = limiterAt(clock);
    const second = limiterAt(clock);
    await first.recordMiss('198.51.100.3');
    await second.recordMiss('198.51.100.3');
    await first.recordMiss('198.51.100.3');
    expect(await second.blockedForMs('198.51.100.3')).toBeGreaterThan(0);
    expect(await second.blockedForMs('198.51.100.4')).toBe(0);
  });

  it('purges finished windows', async () => {
    const clock = { ms: Date.parse('2026-03-01T13:00:00Z') };
    await limiterAt(clock).recordMiss('198.51.100.5');
    clock.ms += 5 * 60_000;
    await limiterAt(clock).recordMiss('198.51.100.6');
    const res = await db.pool.query<{ client_key: string }>(
      "SELECT client_key FROM share_code_misses WHERE client_key LIKE '198.51.100.%'",
    );
    expect(res.rows.map((r) => r.client_key)).toEqual(['198.51.100.6']);
  });
});
