import { describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../test-support/test-db.js';
import { useTestDatabase } from '../../test-support/fixture.js';
import { ShareCodeMissLimiter } from './miss-limiter.js';

let db: TestDatabase;

useTestDatabase((fixture) => ({ db } = fixture), { poolMax: 4 });

function limiterAt(clock: { ms: number }) {
  return new ShareCodeMissLimiter(db.pool, {
    limit: { maxMisses: 3, windowMs: 60_000 },
    now: () => clock.ms,
  });
}

describe('ShareCodeMissLimiter', () => {
  it('refuses a client once its misses fill the window, until the window ends', async () => {
    const clock = { ms: Date.parse('2026-03-01T10:00:00Z') };
    const limiter = limiterAt(clock);
    for (let i = 0; i < 3; i++) {
      expect(await limiter.reserve('198.51.100.1')).toBe(0);
      clock.ms += 1_000;
    }
    // Three misses in 3 s: refused for the 57 s left of the window that opened at the first.
    expect(await limiter.reserve('198.51.100.1')).toBe(57_000);
    clock.ms += 56_999;
    expect(await limiter.reserve('198.51.100.1')).toBe(1);
    clock.ms += 1;
    expect(await limiter.reserve('198.51.100.1')).toBe(0);
  });

  it('opens a fresh window once the old one is over', async () => {
    const clock = { ms: Date.parse('2026-03-01T11:00:00Z') };
    const limiter = limiterAt(clock);
    await limiter.reserve('198.51.100.2');
    await limiter.reserve('198.51.100.2');
    clock.ms += 61_000;
    // Two old misses plus new ones: the count restarts at the first new one.
    expect(await limiter.reserve('198.51.100.2')).toBe(0);
    expect(await limiter.reserve('198.51.100.2')).toBe(0);
    expect(await limiter.reserve('198.51.100.2')).toBe(0);
    expect(await limiter.reserve('198.51.100.2')).toBe(60_000);
  });

  it('gives a hit its unit back, also after refused attempts', async () => {
    const clock = { ms: Date.parse('2026-03-01T11:30:00Z') };
    const limiter = limiterAt(clock);
    for (let i = 0; i < 3; i++) expect(await limiter.reserve('198.51.100.7')).toBe(0);
    expect(await limiter.reserve('198.51.100.7')).toBeGreaterThan(0);
    expect(await limiter.reserve('198.51.100.7')).toBeGreaterThan(0);
    await limiter.refund('198.51.100.7');
    expect(await limiter.reserve('198.51.100.7')).toBe(0);
    expect(await limiter.reserve('198.51.100.7')).toBeGreaterThan(0);
  });

  it('grants exactly the budget to a concurrent burst', async () => {
    const clock = { ms: Date.parse('2026-03-01T11:45:00Z') };
    const limiter = limiterAt(clock);
    const waits = await Promise.all(
      Array.from({ length: 40 }, () => limiter.reserve('198.51.100.8')),
    );
    expect(waits.filter((w) => w === 0)).toHaveLength(3);
  });

  it('keeps clients apart and is shared by every limiter on the database', async () => {
    const clock = { ms: Date.parse('2026-03-01T12:00:00Z') };
    const first = limiterAt(clock);
    const second = limiterAt(clock);
    await first.reserve('198.51.100.3');
    await second.reserve('198.51.100.3');
    await first.reserve('198.51.100.3');
    expect(await second.reserve('198.51.100.3')).toBeGreaterThan(0);
    expect(await second.reserve('198.51.100.4')).toBe(0);
  });

  it('purges finished windows', async () => {
    const clock = { ms: Date.parse('2026-03-01T13:00:00Z') };
    await limiterAt(clock).reserve('198.51.100.5');
    clock.ms += 5 * 60_000;
    await limiterAt(clock).reserve('198.51.100.6');
    const res = await db.pool.query<{ client_key: string }>(
      "SELECT client_key FROM share_code_misses WHERE client_key LIKE '198.51.100.%'",
    );
    expect(res.rows.map((r) => r.client_key)).toEqual(['198.51.100.6']);
  });
});
