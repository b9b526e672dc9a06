import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { seriesId } from '@hearth/core';
import type { DeviceDoc, SeriesDoc } from '@hearth/schema';
import { useTestApp } from '../test-support/fixture.js';
import { registerUser, type TestUser } from '../test-support/http.js';
import { WRITERS } from './collections/index.js';
import { pullAll } from './replication.test-helpers.js';
import { SimReplica, type SimCollection } from './sim-replica.test-helpers.js';

// Modelled replicas (sim-replica.test-helpers.ts) around core's resolveConflict, in-process: fast
// enough for many interleavings and exact merges. The PWA's own replicas meet the built server in
// client/src/sync/convergence.server.test.ts.

let app: FastifyInstance;
let user: TestUser;

useTestApp((fixture) => ({ app } = fixture));
beforeAll(async () => {
  user = await registerUser(app);
});

const HOUR = 3_600_000;
const T0 = Date.parse('2026-07-01T00:00:00Z');
const COLLECTIONS: SimCollection[] = ['devices', 'settings', 'series'];

type Op =
  | { kind: 'point'; replica: number; hour: number; minute: number; value: number }
  | { kind: 'remove'; replica: number; hour: number; minute: number }
  | { kind: 'delete'; replica: number; hour: number }
  | { kind: 'rename'; replica: number; name: string }
  | { kind: 'goal'; replica: number; steps: number }
  | { kind: 'push' | 'pull'; replica: number; collection: SimCollection };

const replicaArb = fc.integer({ min: 0, max: 1 });
// Weighted towards series edits and sync steps: most interleavings then make replicas disagree.
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('point' as const),
      replica: replicaArb,
      hour: fc.integer({ min: 0, max: 1 }),
      minute: fc.integer({ min: 0, max: 2 }),
      value: fc.integer({ min: 0, max: 200 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('remove' as const),
      replica: replicaArb,
      hour: fc.integer({ min: 0, max: 1 }),
      minute: fc.integer({ min: 0, max: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      replica: replicaArb,
      hour: fc.integer({ min: 0, max: 1 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rename' as const),
      replica: replicaArb,
      name: fc.constantFrom('Phone', 'Manual', 'Mine'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('goal' as const),
      replica: replicaArb,
      steps: fc.integer({ min: 1000, max: 20_000 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constantFrom('push' as const, 'pull' as const),
      replica: replicaArb,
      collection: fc.constantFrom(...COLLECTIONS),
    }),
  },
);

function seriesDoc(deviceId: string, hour: number): SeriesDoc {
  const hourStart = T0 + hour * HOUR;
  return {
    id: seriesId(deviceId, 'STEPS', hourStart),
    deviceId,
    type: 'STEPS',
    hourStart,
    points: [],
    updatedAt: '',
    _deleted: false,
  };
}

/** Applies one local edit to a replica, as the PWA would (offline-capable, pending until pushed). */
function edit(replica: SimReplica, deviceId: string, op: Op): void {
  if (op.kind === 'point') {
    const base = seriesDoc(deviceId, op.hour);
    const current = replica.get('series', base.id);
    const start = base.hourStart + op.minute * 60_000;
    const kept = current && !current._deleted ? current.points : [];
    const points = [
      ...kept.filter((p) => p[0] !== start),
      [start, start + 60_000, op.value] as SeriesDoc['points'][number],
    ];
    points.sort((a, b) => a[0] - b[0]);
    replica.write('series', { ...(current ?? base), points, _deleted: false });
  } else if (op.kind === 'remove') {
    // As deleting one sample does: the hour stays, without that point.
    const current = replica.get('series', seriesDoc(deviceId, op.hour).id);
    const start = T0 + op.hour * HOUR + op.minute * 60_000;
    if (current && !current._deleted && current.points.some((p) => p[0] === start)) {
      replica.write('series', { ...current, points: current.points.filter((p) => p[0] !== start) });
    }
  } else if (op.kind === 'delete') {
    const current = replica.get('series', seriesDoc(deviceId, op.hour).id);
    if (current && !current._deleted) replica.write('series', { ...current, _deleted: true });
  } else if (op.kind === 'rename') {
    const device = replica.get('devices', deviceId);
    if (device) replica.write('devices', { ...device, name: op.name });
  } else if (op.kind === 'goal') {
    const settings = replica.get('settings', 'settings');
    if (settings)
      replica.write('settings', { ...settings, goals: { ...settings.goals, STEPS: op.steps } });
  }
}

async function sync(replica: SimReplica, collections = COLLECTIONS): Promise<number> {
  let received = 0;
  for (const c of collections) {
    await replica.push(c);
    received += await replica.pull(c);
  }
  return received;
}

/** Both replicas push and pull until neither has pending changes nor receives anything new. */
async function settle(replicas: SimReplica[]): Promise<void> {
  for (let round = 0; round < 10; round++) {
    let received = 0;
    for (const r of replicas) received += await sync(r);
    if (received === 0 && !replicas.some((r) => r.hasPending())) return;
  }
  throw new Error('replicas did not settle in 10 rounds');
}

function project<C extends SimCollection>(
  collection: C,
  docs: Array<{ id: string }>,
  scope: (id: string) => boolean,
) {
  const fields = WRITERS[collection]!.clientFields as readonly string[];
  return docs
    .filter((d) => scope(d.id))
    .map((d) => Object.fromEntries(fields.map((f) => [f, (d as Record<string, unknown>)[f]])))
    .sort((a, b) => String(a['id'] ?? '').localeCompare(String(b['id'] ?? '')));
}

async function assertConverged(replicas: SimReplica[], deviceId: string): Promise<void> {
  const scopes: Record<SimCollection, (id: string) => boolean> = {
    series: (id) => id.startsWith(`${deviceId}|`),
    devices: (id) => id === deviceId,
    settings: () => true,
  };
  for (const c of COLLECTIONS) {
    const server = project(c, (await pullAll(app, user.cookie, c)).documents, scopes[c]);
    for (const r of replicas) expect(project(c, r.all(c), scopes[c])).toEqual(server);
  }
}

/** Two fresh replicas of the account, sharing a device that replica 0 created. */
async function startRun(): Promise<{ replicas: SimReplica[]; deviceId: string }> {
  const replicas = [new SimReplica(app, user.cookie), new SimReplica(app, user.cookie)];
  for (const r of replicas) await sync(r);
  const device: DeviceDoc = {
    id: randomUUID(),
    name: 'Phone',
    kind: 'iphone',
    lastSyncAt: null,
    createdAt: '',
    updatedAt: '',
    _deleted: false,
  };
  replicas[0]!.write('devices', device);
  await sync(replicas[0]!, ['devices']);
  await sync(replicas[1]!, ['devices']);
  return { replicas, deviceId: device.id };
}

let conflictsSeen = 0;

async function run(ops: Op[]): Promise<{ deviceId: string }> {
  const { replicas, deviceId } = await startRun();
  for (const op of ops) {
    const replica = replicas[op.replica]!;
    if (op.kind === 'push') await replica.push(op.collection);
    else if (op.kind === 'pull') await replica.pull(op.collection);
    else edit(replica, deviceId, op);
  }
  await settle(replicas);
  await assertConverged(replicas, deviceId);
  conflictsSeen += replicas[0]!.conflicts + replicas[1]!.conflicts;
  return { deviceId };
}

describe('convergence of two replicas through the server', () => {
  it('R3, R9: converges on the same state on both replicas and the server, whatever the interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 8, maxLength: 40 }), async (ops) => {
        await run(ops);
      }),
      {
        numRuns: 25,
        // On a failure, shrinking stops in time to report the counterexample before the test timeout.
        interruptAfterTimeLimit: 45_000,
      },
    );
    // The interleavings must actually make replicas disagree, or this proves little.
    expect(conflictsSeen).toBeGreaterThan(10);
  });

  /** The series of the run’s hour 0 on the server, after `ops`. */
  async function hourZeroAfter(ops: Op[]): Promise<SeriesDoc> {
    const { deviceId } = await run(ops);
    const id = seriesId(deviceId, 'STEPS', T0);
    const doc = (await pullAll(app, user.cookie, 'series')).documents.find((d) => d.id === id);
    if (!doc) throw new Error(`no series ${id}`);
    return doc;
  }

  it('R4, R16: an edit outlives a concurrent deletion of the series, and only what it changed', async () => {
    // Replica 0 records a point and syncs; replica 1, still offline, deletes the hour while
    // replica 0 adds another point; both sync: the new point stands, the deleted one stays gone.
    const last = await hourZeroAfter([
      { kind: 'point', replica: 0, hour: 0, minute: 0, value: 5 },
      { kind: 'push', replica: 0, collection: 'series' },
      { kind: 'pull', replica: 1, collection: 'series' },
      { kind: 'delete', replica: 1, hour: 0 },
      { kind: 'point', replica: 0, hour: 0, minute: 1, value: 7 },
      { kind: 'push', replica: 0, collection: 'series' },
      { kind: 'push', replica: 1, collection: 'series' },
    ]);
    expect(last).toMatchObject({ _deleted: false, points: [[T0 + 60_000, T0 + 120_000, 7]] });
  });

  it('R16: a point removed on one replica stays removed while the other changes another', async () => {
    const last = await hourZeroAfter([
      { kind: 'point', replica: 0, hour: 0, minute: 0, value: 5 },
      { kind: 'point', replica: 0, hour: 0, minute: 1, value: 6 },
      { kind: 'push', replica: 0, collection: 'series' },
      { kind: 'pull', replica: 1, collection: 'series' },
      { kind: 'remove', replica: 1, hour: 0, minute: 0 },
      { kind: 'point', replica: 0, hour: 0, minute: 1, value: 8 },
      { kind: 'push', replica: 0, collection: 'series' },
      { kind: 'push', replica: 1, collection: 'series' },
    ]);
    expect(last).toMatchObject({ _deleted: false, points: [[T0 + 60_000, T0 + 120_000, 8]] });
  });
});
