import { defaultPreferences, type SeriesDoc } from '@hearth/schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { PENDING_UPDATED_AT } from '../db/types.js';
import { Replica } from './replica.js';
import { ModelServer } from './test-support/modelServer.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 5);
let opened: Replica[] = [];
let counter = 0;

async function open(server: ModelServer): Promise<Replica> {
  const replica = await Replica.open({
    userId: `user-${Date.now()}-${++counter}`,
    timeZone: 'UTC',
    transport: server,
    stream: null,
    storage: getRxStorageMemory(),
    multiInstance: false,
    retryTimeMs: 20,
  });
  opened.push(replica);
  return replica;
}

function series(hour: number, points: [number, number, number][]): Omit<SeriesDoc, 'updatedAt'> {
  const hourStart = T0 + hour * HOUR;
  return {
    id: `watch|STEPS|${hourStart}`,
    deviceId: 'watch',
    type: 'STEPS',
    hourStart,
    points: points.map(([s, e, v]) => [hourStart + s, hourStart + e, v]),
    _deleted: false,
  };
}

/** Uploads everything, then pulls back the server's own state of what was uploaded. */
async function roundTrip(replica: Replica): Promise<void> {
  await replica.awaitInSync();
  replica.syncNow();
  await replica.awaitInSync();
}

afterEach(async () => {
  await Promise.all(opened.map((r) => r.close()));
  opened = [];
});

describe('Replica', () => {
  it('pulls a history in pages and reports the catch-up as done', async () => {
    const server = new ModelServer();
    for (let h = 0; h < 2500; h++) server.write('series', series(h, [[0, 60_000, 10]]));
    server.write('settings', {
      id: 'settings',
      timeZone: 'Europe/Berlin',
      goals: {},
      sourcePriority: [],
      preferences: defaultPreferences(),
      _deleted: false,
    });
    const replica = await open(server);
    await replica.awaitInSync();
    expect(await replica.db.series.count().exec()).toBe(2500);
    expect((await replica.db.settings.findOne('settings').exec())?.timeZone).toBe('Europe/Berlin');
    const pulls = server.calls.filter((c) => c.op === 'pull' && c.collection === 'series');
    expect(pulls.length).toBe(3); // 1000 + 1000 + 500: a short page ends the catch-up
    const { catchUp, lastSyncedAt, pendingUploads } = replica.tracker.snapshot;
    expect(catchUp).toEqual({ pulled: 2501, estimatedTotal: 2501, done: true });
    expect(lastSyncedAt).not.toBeNull();
    expect(pendingUploads).toBe(0);
  });

  it('marks a local write as waiting until the server state of it comes back', async () => {
    const server = new ModelServer();
    const replica = await open(server);
    await replica.awaitInSync();
    server.offline = true;
    const local = series(1, [[0, 60_000, 42]]);
    await replica.db.series.insert({ ...local, updatedAt: PENDING_UPDATED_AT });
    await expect.poll(() => replica.tracker.snapshot.pendingUploads).toBe(1);
    server.offline = false;
    await roundTrip(replica);
    expect(server.get('series', local.id)?.points).toEqual(local.points);
    const doc = await replica.db.series.findOne(local.id).exec();
    expect(doc?.updatedAt).toBe(server.get('series', local.id)?.updatedAt);
    await expect.poll(() => replica.tracker.snapshot.pendingUploads).toBe(0);
  });

  it('resolves a series edited on both sides into the union of their points', async () => {
    const server = new ModelServer();
    server.write('series', series(2, [[0, 60_000, 5]]));
    const replica = await open(server);
    await replica.awaitInSync();
    server.offline = true;
    const id = series(2, []).id;
    const doc = await replica.db.series.findOne(id).exec();
    const h = T0 + 2 * HOUR;
    await doc!.incrementalPatch({
      points: [
        [h, h + 60_000, 5],
        [h + 120_000, h + 180_000, 7],
      ],
      updatedAt: PENDING_UPDATED_AT,
    });
    // Meanwhile another device uploaded a different sample into the same series.
    server.write(
      'series',
      series(2, [
        [0, 60_000, 5],
        [60_000, 120_000, 9],
      ]),
    );
    server.offline = false;
    await roundTrip(replica);
    const expected = [
      [h, h + 60_000, 5],
      [h + 60_000, h + 120_000, 9],
      [h + 120_000, h + 180_000, 7],
    ];
    expect(server.get('series', id)?.points).toEqual(expected);
    expect((await replica.db.series.findOne(id).exec())?.toJSON().points).toEqual(expected);
  });

  it('keeps a sample deleted here deleted while another device changed another one', async () => {
    const server = new ModelServer();
    server.write(
      'series',
      series(3, [
        [0, 60_000, 5],
        [60_000, 120_000, 6],
      ]),
    );
    const replica = await open(server);
    await replica.awaitInSync();
    server.offline = true;
    const id = series(3, []).id;
    const doc = await replica.db.series.findOne(id).exec();
    const h = T0 + 3 * HOUR;
    // The person deletes the first sample; RxDB hands the handler the state it last pulled.
    await doc!.incrementalPatch({
      points: [[h + 60_000, h + 120_000, 6]],
      updatedAt: PENDING_UPDATED_AT,
    });
    server.write(
      'series',
      series(3, [
        [0, 60_000, 5],
        [60_000, 120_000, 8],
      ]),
    );
    server.offline = false;
    await roundTrip(replica);
    // sync-server/SPEC.md R16: the deletion and the other device's change both stand.
    const expected = [[h + 60_000, h + 120_000, 8]];
    expect(server.get('series', id)?.points).toEqual(expected);
    expect((await replica.db.series.findOne(id).exec())?.toJSON().points).toEqual(expected);
  });

  it('keeps both sides of a settings conflict when they changed different fields', async () => {
    const server = new ModelServer();
    const base = {
      id: 'settings' as const,
      timeZone: 'UTC',
      goals: {},
      sourcePriority: [],
      preferences: defaultPreferences(),
    };
    server.write('settings', { ...base, _deleted: false });
    const replica = await open(server);
    await replica.awaitInSync();
    server.offline = true;
    const doc = await replica.db.settings.findOne('settings').exec();
    await doc!.incrementalPatch({ goals: { STEPS: 8000 }, updatedAt: PENDING_UPDATED_AT });
    server.write('settings', { ...base, timeZone: 'Asia/Kolkata', _deleted: false });
    server.offline = false;
    await roundTrip(replica);
    expect(server.get('settings', 'settings')).toMatchObject({
      timeZone: 'Asia/Kolkata',
      goals: { STEPS: 8000 },
    });
  });

  it('keeps preferences set here when another device changed the zone meanwhile', async () => {
    const server = new ModelServer();
    const base = {
      id: 'settings' as const,
      timeZone: 'UTC',
      goals: {},
      sourcePriority: [],
      preferences: defaultPreferences(),
    };
    server.write('settings', { ...base, _deleted: false });
    const replica = await open(server);
    await replica.awaitInSync();
    server.offline = true;
    const doc = await replica.db.settings.findOne('settings').exec();
    const preferences = { ...defaultPreferences(), displayUnits: { WEIGHT: 'lb' } };
    await doc!.incrementalPatch({ preferences, updatedAt: PENDING_UPDATED_AT });
    server.write('settings', { ...base, timeZone: 'America/Chicago', _deleted: false });
    server.offline = false;
    await roundTrip(replica);
    expect(server.get('settings', 'settings')).toMatchObject({
      timeZone: 'America/Chicago',
      preferences,
    });
  });
});
