/**
 * Token buckets of SAMPLES for device ingest: one per (user, device) and one per user, both
 * charged together. Counting samples rather than requests is what lets a backlog through: a
 * watch's year (~500k samples) is 100 requests of 5,000, which a per-request limit sized for a
 * live device (a few batches a minute) stalls behind `Retry-After` for minutes, while one sample
 * a request would pass the same request limit 5,000 times cheaper.
 *
 * State is in process memory, so the limits hold per server instance (N instances behind a
 * balancer admit up to N times as much). Buckets are keyed by the AUTHENTICATED caller's user and
 * device, so a request that names someone else's device can only ever spend its own user's
 * buckets, never the owner's (see routes/ingest/index.ts).
 */

export interface SampleLimits {
  /** Samples a device may send at once: its bucket's size (fits a year's backlog of a device). */
  deviceBurst: number;
  /** Samples per second a device's bucket refills. */
  deviceRefillPerSecond: number;
  /** Samples all of a user's devices may send at once. */
  userBurst: number;
  /** Samples per second a user's bucket refills. */
  userRefillPerSecond: number;
  /** Samples charged per request on top of its samples, so that empty requests are not free. */
  requestCost: number;
  /** Buckets kept at most; beyond it, full (idle) buckets are dropped first, then the oldest. */
  maxBuckets: number;
}

/*
 * Sizing, from SPECIFICATION.md §9's targets (BENCHMARKS.md measures the backlog): a person
 * makes ~1,500 samples a day across five devices (~550k a year); one watch alone can hold ~500k
 * a year. A device's burst of 600k lets a watch's year through without a pause; the user's burst
 * of 1.5M lets a year of five devices (and a re-import of it) through. After a burst, a device
 * refills at 100 samples/s (8.6M a day, thousands of times a live device) and a user at 250/s:
 * a misbehaving device or account then costs the server a few per cent of one core.
 */
export const DEFAULT_SAMPLE_LIMITS: SampleLimits = {
  deviceBurst: 600_000,
  deviceRefillPerSecond: 100,
  userBurst: 1_500_000,
  userRefillPerSecond: 250,
  requestCost: 10,
  maxBuckets: 100_000,
};

interface Bucket {
  level: number;
  at: number;
}

export type ChargeResult = { ok: true; cost: number } | { ok: false; retryAfterSeconds: number };

export class SampleLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: SampleLimits,
    private readonly now: () => number = Date.now,
  ) {
    for (const [name, value] of Object.entries(limits)) {
      const ok = name === 'requestCost' ? value >= 0 : value > 0;
      if (!ok) throw new Error(`Sample limit ${name} must be positive (got ${value})`);
    }
  }

  /** Buckets held now (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  /**
   * Takes `samples` (plus the request cost) from the device's and the user's buckets, or neither
   * when either lacks them; then says after how many seconds both would hold enough.
   */
  charge(userId: string, deviceId: string, samples: number): ChargeResult {
    const cost = samples + this.limits.requestCost;
    const at = this.now();
    const { deviceBurst, deviceRefillPerSecond, userBurst, userRefillPerSecond } = this.limits;
    const device = this.bucket(`d:${userId}:${deviceId}`, deviceBurst, deviceRefillPerSecond, at);
    const user = this.bucket(`u:${userId}`, userBurst, userRefillPerSecond, at);
    // A request larger than a bucket passes when that bucket is full, and leaves it in debt.
    if (device.level >= Math.min(cost, deviceBurst) && user.level >= Math.min(cost, userBurst)) {
      device.level -= cost;
      user.level -= cost;
      return { ok: true, cost };
    }
    const wait = Math.max(
      waitSeconds(cost, device.level, deviceBurst, deviceRefillPerSecond),
      waitSeconds(cost, user.level, userBurst, userRefillPerSecond),
    );
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
  }

  /** Gives back what `charge` took for a request that turned out to store nothing (unknown device). */
  refund(userId: string, deviceId: string, cost: number): void {
    const at = this.now();
    const { deviceBurst, deviceRefillPerSecond, userBurst, userRefillPerSecond } = this.limits;
    const device = this.bucket(`d:${userId}:${deviceId}`, deviceBurst, deviceRefillPerSecond, at);
    const user = this.bucket(`u:${userId}`, userBurst, userRefillPerSecond, at);
    device.level = Math.min(deviceBurst, device.level + cost);
    user.level = Math.min(userBurst, user.level + cost);
  }

  /** The bucket under `key`, refilled up to `at`, moved to the young end of the map. */
  private bucket(key: string, burst: number, perSecond: number, at: number): Bucket {
    const found = this.buckets.get(key);
    if (found) {
      // Re-inserting keeps the map in least-recently-used order for eviction.
      this.buckets.delete(key);
      found.level = Math.min(burst, found.level + (Math.max(0, at - found.at) / 1000) * perSecond);
      found.at = at;
      this.buckets.set(key, found);
      return found;
    }
    if (this.buckets.size >= this.limits.maxBuckets) this.evict(at);
    const fresh = { level: burst, at };
    this.buckets.set(key, fresh);
    return fresh;
  }

  /**
   * Makes room: a bucket that has refilled to its size is the same as no bucket, so those go
   * first; if that is not enough (an attack spread over many devices), the least recently used
   * half goes, which at worst hands those devices a fresh burst early.
   */
  private evict(at: number): void {
    const { deviceBurst, deviceRefillPerSecond, userBurst, userRefillPerSecond } = this.limits;
    for (const [key, b] of this.buckets) {
      const [burst, perSecond] = key.startsWith('u:')
        ? [userBurst, userRefillPerSecond]
        : [deviceBurst, deviceRefillPerSecond];
      if (b.level + ((at - b.at) / 1000) * perSecond >= burst) this.buckets.delete(key);
    }
    if (this.buckets.size < this.limits.maxBuckets) return;
    let drop = Math.ceil(this.buckets.size / 2);
    for (const key of this.buckets.keys()) {
      if (drop-- <= 0) break;
      this.buckets.delete(key);
    }
  }
}

/** Seconds until a bucket at `level` lets `cost` through (see `charge`). */
function waitSeconds(cost: number, level: number, burst: number, perSecond: number): number {
  const need = Math.min(cost, burst);
  if (level >= need) return 0;
  return (need - level) / perSecond;
}
