import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { MAX_SAMPLES_PER_SYNC } from '@hearth/schema';
import { DEFAULT_RATE_LIMITS } from '../../app.js';
import type { TestDatabase } from '../../test-support/test-db.js';
import { buildTestApp } from '../../test-support/test-db.js';
import { useTestApp } from '../../test-support/fixture.js';
import { loadDemoData } from '../../test-support/demo.js';
import { createDevice, registerUser, type TestDevice } from '../../test-support/http.js';

let db: TestDatabase;
let app: FastifyInstance;

// The default limits, on: what a self-hosted server runs with.
useTestApp((fixture) => ({ db, app } = fixture), { app: { rateLimits: DEFAULT_RATE_LIMITS } });

const T0 = Date.parse('2026-01-10T00:00:00Z');

/** `n` one-second heart-rate readings: valid, and cheap to store. */
function readings(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(T0 + i * 1000).toISOString();
    return { type: 'HEART_RATE', value: 60 + (i % 40), unit: 'bpm', startDate: at, endDate: at };
  });
}

const FULL_BATCH = readings(MAX_SAMPLES_PER_SYNC);

function post(
  target: FastifyInstance,
  deviceId: string,
  auth: { token: string } | { cookie: string },
  samples: unknown[],
  remoteAddress: string,
) {
  return target.inject({
    method: 'POST',
    url: `/api/v1/devices/${deviceId}/sync`,
    headers: 'token' in auth ? { authorization: `Bearer ${auth.token}` } : { cookie: auth.cookie },
    payload: { samples },
    remoteAddress,
  });
}

describe('ingest limits with the default limits', () => {
  it('takes a user-year backlog of five devices, as fast as it is sent, without a 429', async () => {
    const user = await registerUser(app, { timeZone: 'Europe/Berlin' });
    // loadDemoData throws on any answer but 200 with every sample stored.
    const loaded = await loadDemoData(app, user, {
      seed: 'backlog',
      endDate: '2026-11-30',
      days: 365,
      timeZone: 'Europe/Berlin',
    });
    expect(loaded.devices.size).toBe(5);
    expect(loaded.samples.length).toBeGreaterThan(400_000);
    const inbox = await db.pool.query<{ n: string }>(
      'SELECT coalesce(sum(sample_count), 0) AS n FROM ingest_inbox WHERE user_id = $1',
      [user.me.id],
    );
    expect(Number(inbox.rows[0]?.n)).toBe(loaded.samples.length);
  }, 120_000);
});

describe('ingest limits, small enough to reach', () => {
  const limits = {
    ...DEFAULT_RATE_LIMITS,
    ingestSamples: {
      deviceBurst: 8000,
      deviceRefillPerSecond: 100,
      userBurst: 12_000,
      userRefillPerSecond: 100,
      requestCost: 0,
      maxBuckets: 1000,
    },
  };

  let small: FastifyInstance;
  beforeAll(async () => {
    small = await buildTestApp(db.pool, { rateLimits: limits });
  });
  afterAll(async () => {
    await small.close();
  });

  it("never lets one user spend another's device budget", async () => {
    const [ann, bob] = [await registerUser(small), await registerUser(small)];
    const annDevice = await createDevice(small, ann);
    const bobDevice: TestDevice = await createDevice(small, bob);
    // More requests than the old 120 a minute, and more samples than a device's whole burst.
    const batch = readings(100);
    for (let i = 0; i < 130; i++) {
      const viaSession = await post(small, bobDevice.id, ann, batch, '10.0.0.1');
      expect(viaSession.statusCode).toBe(404);
      const viaToken = await post(small, bobDevice.id, annDevice, batch, '10.0.0.1');
      expect(viaToken.statusCode).toBe(404);
    }
    const own = await post(small, bobDevice.id, bobDevice, FULL_BATCH, '10.0.0.2');
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual({ synced: MAX_SAMPLES_PER_SYNC, errors: 0 });
    // Refused requests were refunded: Ann's own device still has its whole budget.
    const annOwn = await post(small, annDevice.id, annDevice, FULL_BATCH, '10.0.0.1');
    expect(annOwn.statusCode).toBe(200);
  });

  it("limits a flooding device with Retry-After and leaves the user's other devices room", async () => {
    const user = await registerUser(small);
    const [flooder, other] = [await createDevice(small, user), await createDevice(small, user)];
    expect((await post(small, flooder.id, flooder, FULL_BATCH, '10.0.1.1')).statusCode).toBe(200);
    const limited = await post(small, flooder.id, flooder, FULL_BATCH, '10.0.1.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate-limited');
    // 3,000 left of 8,000: 2,000 more at 100 a second.
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(19);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(20);
    // Small batches still fit in what is left.
    expect((await post(small, flooder.id, flooder, readings(100), '10.0.1.1')).statusCode).toBe(
      200,
    );
    // The other device has its own bucket, within the user's 12,000.
    expect((await post(small, other.id, other, FULL_BATCH, '10.0.1.1')).statusCode).toBe(200);
    const capped = await post(small, other.id, other, FULL_BATCH, '10.0.1.1');
    expect(capped.statusCode).toBe(429);
    expect(Number(capped.headers['retry-after'])).toBeGreaterThan(0);
  });
});
