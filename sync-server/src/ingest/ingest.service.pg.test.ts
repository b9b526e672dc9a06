import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { SeriesPoint } from '@hearth/schema';
import {
  buildTestApp,
  createTestDatabase,
  skipOnEmbedded,
  TEST_MASTER_KEY,
  type TestDatabase,
} from '../test-support/test-db.js';
import { createDevice, registerUser, type TestUser } from '../test-support/http.js';
import { Keyring } from '../crypto/keyring.js';
import { withTransaction } from '../db/pool.js';
import { allocatePositions } from '../db/positions.js';
import { openSeriesPoints, sealSeriesPoints } from '../series/series-codec.js';
import { upsertSeries } from '../series/series.repository.js';
import type { ChangeEvent } from '../notify.js';
import { ingestSamples, type IngestDeps } from './ingest.service.js';
import { ContendedUsers } from './contended-users.js';
import { readIngestState } from './ingest.repository.js';
import { writeIngest } from './ingest-write.repository.js';

const MERGES_UNDER_LOCK =
  'merges again under the lock when another writer commits between its read and its write';
const embedded = await skipOnEmbedded(import.meta.url, {
  [MERGES_UNDER_LOCK]: 'one transaction holds the user lock while another waits for it',
  'loses no point when several batches merge into the same series at once':
    'concurrent writers on one connection would run one after another',
});

let db: TestDatabase;
let app: FastifyInstance;
let deps: IngestDeps;
let ann: TestUser;

beforeAll(async () => {
  db = await createTestDatabase();
  app = await buildTestApp(db.pool);
  deps = { pool: db.pool, keyring: new Keyring(TEST_MASTER_KEY) };
  ann = await registerUser(app, { timeZone: 'Europe/Paris' });
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

const HOUR = Date.parse('2026-02-10T08:00:00Z');
const MINUTE = 60_000;

function stepSample(minute: number, value: number) {
  return {
    type: 'STEPS',
    value,
    unit: 'count',
    startDate: new Date(HOUR + minute * MINUTE).toISOString(),
    endDate: new Date(HOUR + (minute + 1) * MINUTE).toISOString(),
  };
}

async function storedSeries(deviceId: string) {
  const res = await db.pool.query<{ payload: Buffer; position: number; updated_at: Date }>(
    `SELECT payload, position, updated_at FROM series
      WHERE user_id = $1 AND device_id = $2 AND type = 'STEPS' AND hour_start = $3`,
    [ann.me.id, deviceId, new Date(HOUR).toISOString()],
  );
  const row = res.rows[0];
  if (!row) return null;
  const key = await deps.keyring.getUserKey(db.pool, ann.me.id);
  const points = openSeriesPoints(
    key,
    ann.me.id,
    { deviceId, type: 'STEPS', hourStart: HOUR },
    row.payload,
  );
  return { points, position: row.position, updatedAt: row.updated_at.getTime() };
}

const queuedDays = async () =>
  (
    await db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM rollup_queue WHERE user_id = $1',
      [ann.me.id],
    )
  ).rows[0]?.n;

/** Waits until a backend of the test database waits for a lock while running `statement`. */
async function waitUntilBlocked(statement: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const res = await db.pool.query(
      `SELECT 1 FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`,
      [`%${statement}%`],
    );
    if (res.rowCount) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no backend blocked on ${statement}`);
}

describe('ingestSamples under concurrent writers', () => {
  it('writes nothing when the change counter moved after the read', async () => {
    const device = await createDevice(app, ann);
    const state = await readIngestState(db.pool, {
      userId: ann.me.id,
      deviceId: device.id,
      series: [],
      idempotencyKey: null,
    });
    if (!state) throw new Error('no state');
    await allocatePositions(db.pool, ann.me.id, 1);
    await db.pool.query('DELETE FROM rollup_queue WHERE user_id = $1', [ann.me.id]);
    const key = await deps.keyring.getUserKey(db.pool, ann.me.id);
    const series = { deviceId: device.id, type: 'STEPS' as const, hourStart: HOUR };
    const written = await writeIngest(db.pool, {
      userId: ann.me.id,
      deviceId: device.id,
      changeSeq: state.changeSeq,
      series: [
        {
          ...series,
          payload: sealSeriesPoints(key, ann.me.id, series, [[HOUR, HOUR + MINUTE, 5]]),
          pointCount: 1,
        },
      ],
      dirtyDays: [{ type: 'STEPS', localDay: '2026-02-10' }],
      idempotency: null,
    });
    expect(written).toBe(false);
    expect(await storedSeries(device.id)).toBeNull();
    expect(await queuedDays()).toBe(0);
    const dev = await db.pool.query('SELECT last_sync_at FROM devices WHERE id = $1', [device.id]);
    expect(dev.rows[0].last_sync_at).toBeNull();
  });

  it.skipIf(embedded)(MERGES_UNDER_LOCK, async () => {
    const device = await createDevice(app, ann);
    const key = await deps.keyring.getUserKey(db.pool, ann.me.id);
    const series = { deviceId: device.id, type: 'STEPS' as const, hourStart: HOUR };
    const theirs: SeriesPoint[] = [[HOUR + 30 * MINUTE, HOUR + 31 * MINUTE, 99]];
    let ingest: Promise<unknown> = Promise.resolve();
    await withTransaction(db.pool, async (client) => {
      // Another writer holds the user's lock and has written the same series, not yet committed.
      const position = await allocatePositions(client, ann.me.id, 1);
      await upsertSeries(client, ann.me.id, [
        {
          ...series,
          payload: sealSeriesPoints(key, ann.me.id, series, theirs),
          pointCount: 1,
          position,
          deleted: false,
        },
      ]);
      ingest = ingestSamples(deps, {
        userId: ann.me.id,
        deviceId: device.id,
        samples: [stepSample(0, 10), stepSample(1, 11)],
      });
      await waitUntilBlocked('WITH reserved AS');
    });
    expect(await ingest).toEqual({ synced: 2, errors: 0 });
    const stored = await storedSeries(device.id);
    expect(stored?.points).toEqual([
      [HOUR, HOUR + MINUTE, 10],
      [HOUR + MINUTE, HOUR + 2 * MINUTE, 11],
      ...theirs,
    ]);
  });

  it.skipIf(embedded).each([
    ['first without the lock', () => deps],
    ['with the lock at once', () => ({ ...deps, contended: new ContendedUsers() })],
  ])(
    'loses no point when several batches merge into the same series at once (%s)',
    async (_, makeDeps) => {
      const device = await createDevice(app, ann);
      const writerDeps = makeDeps();
      const writers = 3;
      const rounds = 4;
      // Writer w sends minutes 2(rw + w) and the next one: all land in one series, none twice.
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let r = 0; r < rounds; r++) {
            const minute = (r * writers + w) * 2;
            const samples = [stepSample(minute, w), stepSample(minute + 1, w)];
            await ingestSamples(writerDeps, { userId: ann.me.id, deviceId: device.id, samples });
          }
        }),
      );
      const stored = await storedSeries(device.id);
      expect(stored?.points.map((p) => (p[0] - HOUR) / MINUTE)).toEqual(
        Array.from({ length: writers * rounds * 2 }, (_, i) => i),
      );
    },
  );
});

describe('ingestSamples writes', () => {
  it('leaves a series alone when a re-sent batch changes none of its points', async () => {
    const device = await createDevice(app, ann);
    const samples = [stepSample(0, 10), stepSample(1, 11)];
    await ingestSamples(deps, { userId: ann.me.id, deviceId: device.id, samples });
    const first = await storedSeries(device.id);
    await db.pool.query('DELETE FROM rollup_queue WHERE user_id = $1', [ann.me.id]);

    expect(await ingestSamples(deps, { userId: ann.me.id, deviceId: device.id, samples })).toEqual({
      synced: 2,
      errors: 0,
    });
    const again = await storedSeries(device.id);
    expect(again).toEqual(first);
    expect(await queuedDays()).toBe(0);

    // A changed value is a change: written with a new position and its day marked again.
    await ingestSamples(deps, {
      userId: ann.me.id,
      deviceId: device.id,
      samples: [stepSample(1, 12)],
    });
    const changed = await storedSeries(device.id);
    expect(changed?.points.map((p) => p[2])).toEqual([10, 12]);
    expect(changed?.position).toBeGreaterThan(first?.position ?? Infinity);
    expect(await queuedDays()).toBeGreaterThan(0);
  });

  it('announces the change and the rollup work at COMMIT', async () => {
    const device = await createDevice(app, ann);
    const changes: ChangeEvent[] = [];
    let work = 0;
    const offChange = app.notifyHub.onChange((e) => changes.push(e));
    const offWork = app.notifyHub.onRollupWork(() => work++);
    try {
      await ingestSamples(deps, {
        userId: ann.me.id,
        deviceId: device.id,
        samples: [stepSample(5, 3)],
      });
      for (let i = 0; i < 200 && (changes.length === 0 || work === 0); i++) {
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(changes).toContainEqual({ userId: ann.me.id, collections: ['series', 'devices'] });
      expect(work).toBeGreaterThan(0);
    } finally {
      offChange();
      offWork();
    }
  });
});
