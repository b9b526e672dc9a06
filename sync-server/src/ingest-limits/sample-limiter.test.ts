import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLE_LIMITS, SampleLimiter, type SampleLimits } from './sample-limiter.js';

const LIMITS: SampleLimits = {
  deviceBurst: 1000,
  deviceRefillPerSecond: 10,
  userBurst: 1500,
  userRefillPerSecond: 20,
  requestCost: 0,
  maxBuckets: 100,
};

function limiterAt(limits: SampleLimits = LIMITS) {
  const clock = { now: 0 };
  return { clock, limiter: new SampleLimiter(limits, () => clock.now) };
}

describe('SampleLimiter', () => {
  it('lets a burst through, then refills at its rate and says when to retry', () => {
    const { clock, limiter } = limiterAt();
    expect(limiter.charge('u1', 'd1', 1000)).toEqual({ ok: true, cost: 1000 });
    // Empty: 100 samples need 10 s at 10 samples/s.
    expect(limiter.charge('u1', 'd1', 100)).toEqual({ ok: false, retryAfterSeconds: 10 });
    clock.now = 9_000;
    expect(limiter.charge('u1', 'd1', 100)).toEqual({ ok: false, retryAfterSeconds: 1 });
    clock.now = 10_000;
    expect(limiter.charge('u1', 'd1', 100).ok).toBe(true);
  });

  it("keeps each device's bucket its own and caps a user's devices together", () => {
    const { limiter } = limiterAt();
    expect(limiter.charge('u1', 'd1', 1000).ok).toBe(true);
    expect(limiter.charge('u2', 'd1', 1000).ok).toBe(true);
    expect(limiter.charge('u1', 'd1', 1).ok).toBe(false);
    // The user's bucket (1500) has 500 left for a second device: 600 waits for the user.
    expect(limiter.charge('u1', 'd2', 600)).toEqual({ ok: false, retryAfterSeconds: 5 });
    expect(limiter.charge('u1', 'd2', 500).ok).toBe(true);
  });

  it('takes nothing from either bucket when one of them refuses', () => {
    const { limiter } = limiterAt();
    expect(limiter.charge('u1', 'd1', 900).ok).toBe(true);
    expect(limiter.charge('u1', 'd1', 200).ok).toBe(false);
    // The refused 200 was not taken from the user: 600 are still there for another device.
    expect(limiter.charge('u1', 'd2', 600).ok).toBe(true);
  });

  it('gives a refund back, never beyond the bucket size', () => {
    const { limiter } = limiterAt();
    const charged = limiter.charge('u1', 'd1', 1000);
    expect(charged.ok).toBe(true);
    limiter.refund('u1', 'd1', 1000);
    limiter.refund('u1', 'd1', 1000);
    expect(limiter.charge('u1', 'd1', 1000).ok).toBe(true);
    expect(limiter.charge('u1', 'd1', 1).ok).toBe(false);
  });

  it('charges a request cost, so that empty requests are not free', () => {
    const { limiter } = limiterAt({ ...LIMITS, requestCost: 100 });
    for (let i = 0; i < 10; i++) expect(limiter.charge('u1', 'd1', 0).ok).toBe(true);
    expect(limiter.charge('u1', 'd1', 0).ok).toBe(false);
  });

  it('lets a request larger than a bucket through when the bucket is full, leaving a debt', () => {
    const { clock, limiter } = limiterAt();
    expect(limiter.charge('u1', 'd1', 1200).ok).toBe(true);
    // 200 in debt: 1 sample needs (1 + 200) / 10 = 20.1 s.
    expect(limiter.charge('u1', 'd1', 1)).toEqual({ ok: false, retryAfterSeconds: 21 });
    clock.now = 21_000;
    expect(limiter.charge('u1', 'd1', 1).ok).toBe(true);
  });

  it('stays bounded in memory: idle buckets go first, then the least recently used', () => {
    const { clock, limiter } = limiterAt({ ...LIMITS, maxBuckets: 10 });
    for (let i = 0; i < 5; i++) limiter.charge(`u${i}`, 'd', 10);
    expect(limiter.size).toBe(10);
    // 1 s later every bucket is full again: all are dropped to make room.
    clock.now = 1_000;
    limiter.charge('u9', 'd', 10);
    expect(limiter.size).toBe(2);
    for (let i = 0; i < 20; i++) limiter.charge(`v${i}`, 'd', 500);
    expect(limiter.size).toBeLessThanOrEqual(10);
    // The most recent caller keeps its (spent) bucket.
    expect(limiter.charge('v19', 'd', 600).ok).toBe(false);
  });

  it('lets a year of five devices through with the default limits', () => {
    const { limiter } = limiterAt(DEFAULT_SAMPLE_LIMITS);
    // ~550k samples a user-year, the watch holding most; sent as fast as possible.
    const perDevice = [300_000, 150_000, 50_000, 30_000, 20_000];
    perDevice.forEach((total, d) => {
      for (let sent = 0; sent < total; sent += 5000) {
        expect(limiter.charge('u1', `d${d}`, 5000).ok).toBe(true);
      }
    });
    // A watch's year alone (~500k) too.
    for (let sent = 0; sent < 500_000; sent += 5000) {
      expect(limiter.charge('u2', 'watch', 5000).ok).toBe(true);
    }
  });

  it('refuses limits that are not positive', () => {
    expect(() => new SampleLimiter({ ...LIMITS, deviceRefillPerSecond: 0 })).toThrow(/positive/);
  });
});
