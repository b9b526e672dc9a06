import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { seriesId } from '@hearth/core';
import type { DeviceDoc, InsightDoc, SettingsDoc } from '@hearth/schema';
import type { TestDatabase } from '../test-support/test-db.js';
import { useTestApp } from '../test-support/fixture.js';
import { createDevice, registerUser, syncSamples, type TestUser } from '../test-support/http.js';
import { RollupWorker } from '../worker/rollup-worker.js';
import { pullAll, push, pushRaw } from './replication.test-helpers.js';

let db: TestDatabase;
let app: FastifyInstance;
let ann: TestUser;

const DAY = '2026-05-04';
const NOON = Date.parse(`${DAY}T12:00:00Z`);

useTestApp((fixture) => ({ db, app } = fixture));
beforeAll(async () => {
  ann = await registerUser(app);
  // A low SpO2 reading gives Ann day rollups and an out-of-range insight, through the real path.
  const device = await createDevice(app, ann, { name: 'Watch', kind: 'apple_watch' });
  const at = new Date(NOON).toISOString();
  const sync = await syncSamples(app, device, [
    { type: 'OXYGEN_SATURATION', value: 85, unit: '%', startDate: at, endDate: at },
  ]);
  expect(sync.json()).toEqual({ synced: 1, errors: 0 });
  await new RollupWorker({
    pool: db.pool,
    keyring: app.keyring,
    now: () => NOON + 3_600_000,
  }).drain();
});

const one = <T>(docs: T[]): T => {
  expect(docs).toHaveLength(1);
  return docs[0]!;
};

describe('push rules per collection', () => {
  it('R10: rollups are read-only: any push is refused with 403', async () => {
    const rollups = await pullAll(app, ann.cookie, 'rollups');
    const day = rollups.documents.find((d) => d.period === 'day')!;
    const res = await pushRaw(app, ann.cookie, 'rollups', [
      { assumedMasterState: day, newDocumentState: { ...day, value: 100 } },
    ]);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });

  it('R10: insights accept only a change of acknowledged', async () => {
    const insight: InsightDoc = one((await pullAll(app, ann.cookie, 'insights')).documents);
    expect(insight).toMatchObject({ type: 'out_of_range', acknowledged: false });

    const edited = { ...insight, acknowledged: true, message: 'All fine' };
    const refused = await pushRaw(app, ann.cookie, 'insights', [
      { assumedMasterState: insight, newDocumentState: edited },
    ]);
    expect(refused.statusCode).toBe(403);
    const invented = { ...insight, id: 'out_of_range:STEPS:2026-05-04' };
    const created = await pushRaw(app, ann.cookie, 'insights', [
      { assumedMasterState: null, newDocumentState: invented },
    ]);
    expect(created.statusCode).toBe(403);

    // The client's copy may be older than the master (here: another updatedAt): still clean.
    const stale = { ...insight, updatedAt: '2000-01-01T00:00:00.000Z' };
    const ack = { ...stale, acknowledged: true };
    expect(
      await push(app, ann.cookie, 'insights', [
        { assumedMasterState: stale, newDocumentState: ack },
      ]),
    ).toEqual([]);
    const after = one((await pullAll(app, ann.cookie, 'insights')).documents);
    expect(after).toEqual({ ...insight, acknowledged: true, updatedAt: expect.any(String) });
    expect(after.updatedAt).not.toBe(insight.updatedAt);
  });

  it('R10: devices: a client creates tokenless devices, renames, cannot change the kind, deletes as tombstone', async () => {
    const fresh: DeviceDoc = {
      id: 'c0ffee00-1111-4222-8333-444455556666',
      name: 'Kitchen scale (app)',
      kind: 'third_party_scale',
      lastSyncAt: null,
      createdAt: '',
      updatedAt: '',
      _deleted: false,
    };
    expect(
      await push(app, ann.cookie, 'devices', [
        { assumedMasterState: null, newDocumentState: fresh },
      ]),
    ).toEqual([]);
    const stored = (await pullAll(app, ann.cookie, 'devices')).documents.find(
      (d) => d.id === fresh.id,
    )!;
    expect(stored).toMatchObject({
      name: fresh.name,
      kind: fresh.kind,
      lastSyncAt: null,
      _deleted: false,
    });
    const row = await db.pool.query('SELECT token_hash FROM devices WHERE id = $1', [fresh.id]);
    expect(row.rows).toEqual([{ token_hash: null }]);

    const rekind = await pushRaw(app, ann.cookie, 'devices', [
      { assumedMasterState: stored, newDocumentState: { ...stored, kind: 'apple_watch' } },
    ]);
    expect(rekind.statusCode).toBe(403);
    const badId = await pushRaw(app, ann.cookie, 'devices', [
      { assumedMasterState: null, newDocumentState: { ...fresh, id: 'a|STEPS|0' } },
    ]);
    expect(badId.statusCode).toBe(400);
    const blank = await pushRaw(app, ann.cookie, 'devices', [
      { assumedMasterState: stored, newDocumentState: { ...stored, name: '   ' } },
    ]);
    expect(blank.statusCode).toBe(400);

    // Deleting a device that has a token revokes it, like DELETE /devices/:id.
    const watch = await createDevice(app, ann, { name: 'Old watch', kind: 'apple_watch' });
    const watchDoc = (await pullAll(app, ann.cookie, 'devices')).documents.find(
      (d) => d.id === watch.id,
    )!;
    await push(app, ann.cookie, 'devices', [
      { assumedMasterState: watchDoc, newDocumentState: { ...watchDoc, _deleted: true } },
    ]);
    const tombstone = (await pullAll(app, ann.cookie, 'devices')).documents.find(
      (d) => d.id === watch.id,
    );
    expect(tombstone?._deleted).toBe(true);
    const sync = await syncSamples(app, watch, []);
    expect(sync.statusCode).toBe(401);

    // Series recorded for it before the deletion was seen still upload: the device is Ann's.
    const hourStart = NOON - 3_600_000;
    const late = {
      id: seriesId(watch.id, 'STEPS', hourStart),
      deviceId: watch.id,
      type: 'STEPS' as const,
      hourStart,
      points: [[hourStart, hourStart + 60_000, 12] as [number, number, number]],
      updatedAt: '',
      _deleted: false,
    };
    expect(
      await push(app, ann.cookie, 'series', [{ assumedMasterState: null, newDocumentState: late }]),
    ).toEqual([]);
  });

  it('R10: settings: a new zone re-queues every day and tombstones the rollups; deleting is refused', async () => {
    const settings: SettingsDoc = one((await pullAll(app, ann.cookie, 'settings')).documents);
    const liveRollups = (await pullAll(app, ann.cookie, 'rollups')).documents.filter(
      (d) => !d._deleted,
    );
    expect(liveRollups.length).toBeGreaterThan(0);
    const { checkpoint } = await pullAll(app, ann.cookie, 'rollups');

    const next = { ...settings, timeZone: 'Asia/Tokyo', goals: { STEPS: 9000 } };
    expect(
      await push(app, ann.cookie, 'settings', [
        { assumedMasterState: settings, newDocumentState: next },
      ]),
    ).toEqual([]);
    const stored = one((await pullAll(app, ann.cookie, 'settings')).documents);
    expect(stored).toEqual({ ...next, updatedAt: expect.any(String) });
    const tombstones = (await pullAll(app, ann.cookie, 'rollups', checkpoint)).documents;
    expect(tombstones.map((d) => d._deleted)).toEqual(liveRollups.map(() => true));
    const queue = await db.pool.query<{ type: string }>(
      'SELECT DISTINCT type FROM rollup_queue WHERE user_id = $1',
      [ann.me.id],
    );
    expect(queue.rows.map((r) => r.type).sort()).toEqual(['OXYGEN_SATURATION', 'STEPS']);
    const user = await db.pool.query('SELECT time_zone FROM users WHERE id = $1', [ann.me.id]);
    expect(user.rows).toEqual([{ time_zone: 'Asia/Tokyo' }]);

    // A replica that still believes the old zone gets the master back.
    const conflicts = await push(app, ann.cookie, 'settings', [
      { assumedMasterState: settings, newDocumentState: { ...settings, goals: { STEPS: 5000 } } },
    ]);
    expect(conflicts).toEqual([stored]);

    const deleted = await pushRaw(app, ann.cookie, 'settings', [
      { assumedMasterState: stored, newDocumentState: { ...stored, _deleted: true } },
    ]);
    expect(deleted.statusCode).toBe(403);
  });
});
