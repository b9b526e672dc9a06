import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { HealthAggregate, SeriesDoc } from '@hearth/schema';
import type { TestDatabase } from '../test-support/test-db.js';
import { useTestApp } from '../test-support/fixture.js';
import { createDevice, registerUser, syncSamples, type TestUser } from '../test-support/http.js';
import { foldInbox } from '../test-support/fold.js';
import { storedAggregates } from '../test-support/rollups.js';
import { RollupWorker } from '../worker/rollup-worker.js';
import { pullAll, push } from '../replication/replication.test-helpers.js';

let db: TestDatabase;
let app: FastifyInstance;

useTestApp((fixture) => ({ db, app } = fixture));

const steps = (start: string, minutes: number, value: number) => ({
  type: 'STEPS',
  value,
  unit: 'count',
  startDate: start,
  endDate: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
});

const BATCH = [
  steps('2026-03-01T10:00:00.000Z', 10, 400),
  steps('2026-03-01T10:20:00.000Z', 10, 600),
];

async function settle(): Promise<void> {
  await foldInbox(db.pool, app.keyring);
  await new RollupWorker({ pool: db.pool, keyring: app.keyring }).drain();
}

async function seriesOf(user: TestUser): Promise<SeriesDoc[]> {
  return (await pullAll(app, user.cookie, 'series')).documents.filter((d) => !d._deleted);
}

async function dayTotal(user: TestUser): Promise<number | undefined> {
  const day = (await storedAggregates(app, user.me.id)).find(
    (a: HealthAggregate) => a.type === 'STEPS' && a.period === 'day',
  );
  return day?.value;
}

/** Pushes `next` over the replica's copy `master`, as the PWA does; fails on a conflict. */
async function pushOver(user: TestUser, master: SeriesDoc, next: SeriesDoc): Promise<void> {
  const conflicts = await push(app, user.cookie, 'series', [
    { assumedMasterState: master, newDocumentState: next },
  ]);
  expect(conflicts).toEqual([]);
}

describe('deleted samples (SPECIFICATION.md §14)', () => {
  it('a deleted sample stays deleted when its device re-sends the batch, and the day recomputes', async () => {
    const user = await registerUser(app);
    const watch = await createDevice(app, user);
    expect((await syncSamples(app, watch, BATCH)).statusCode).toBe(200);
    await settle();
    expect(await dayTotal(user)).toBe(1000);

    const [stored] = await seriesOf(user);
    if (!stored) throw new Error('no series stored');
    await pushOver(user, stored, { ...stored, points: stored.points.slice(1) });
    await settle();
    expect(await dayTotal(user)).toBe(600);

    // The same batch again, as a device that re-sends its last hours does (no idempotency key).
    expect((await syncSamples(app, watch, BATCH)).statusCode).toBe(200);
    await settle();
    const [after] = await seriesOf(user);
    expect(after?.points.map((p) => p[2])).toEqual([600]);
    expect(await dayTotal(user)).toBe(600);

    // A new sample in the same hour still arrives.
    await syncSamples(app, watch, [steps('2026-03-01T10:40:00.000Z', 5, 50)]);
    await settle();
    expect(await dayTotal(user)).toBe(650);
  });

  it('the person writing the same identity again lifts the deletion', async () => {
    const user = await registerUser(app);
    const watch = await createDevice(app, user);
    await syncSamples(app, watch, BATCH);
    await settle();
    const [stored] = await seriesOf(user);
    if (!stored) throw new Error('no series stored');
    const removed = { ...stored, points: stored.points.slice(1) };
    await pushOver(user, stored, removed);
    const [seen] = await seriesOf(user);
    await pushOver(user, seen!, { ...seen!, points: [[...stored.points[0]!], ...seen!.points] });
    await settle();
    expect(await dayTotal(user)).toBe(1000);
    await syncSamples(app, watch, [{ ...BATCH[0]!, value: 450 }]);
    await settle();
    expect(await dayTotal(user)).toBe(1050);
  });

  it("deleting a source's series removes its data from the totals for good", async () => {
    const user = await registerUser(app);
    const watch = await createDevice(app, user);
    const scale = await createDevice(app, user, { name: 'Phone', kind: 'iphone' });
    await syncSamples(app, watch, BATCH);
    await syncSamples(app, scale, [steps('2026-03-01T12:00:00.000Z', 10, 70)]);
    await settle();
    expect(await dayTotal(user)).toBe(1070);

    for (const doc of (await seriesOf(user)).filter((d) => d.deviceId === watch.id)) {
      await pushOver(user, doc, { ...doc, _deleted: true });
    }
    await settle();
    expect(await dayTotal(user)).toBe(70);
    await syncSamples(app, watch, BATCH);
    await settle();
    expect(await dayTotal(user)).toBe(70);
    expect((await seriesOf(user)).map((d) => d.deviceId)).toEqual([scale.id]);
  });

  it('keeps the removed identities sealed, never in plaintext', async () => {
    const user = await registerUser(app);
    const watch = await createDevice(app, user);
    await syncSamples(app, watch, BATCH);
    await settle();
    const [stored] = await seriesOf(user);
    await pushOver(user, stored!, { ...stored!, points: [], _deleted: true });
    const res = await db.pool.query<{ removed: Buffer | null }>(
      'SELECT removed FROM series WHERE user_id = $1',
      [user.me.id],
    );
    const sealed = res.rows[0]?.removed;
    expect(sealed?.length).toBeGreaterThan(0);
    const start = Buffer.from(new Float64Array([Date.parse(BATCH[0]!.startDate)]).buffer);
    expect(sealed?.includes(start)).toBe(false);
  });
});
