import { seriesId } from '@hearth/core';
import type { RawSample, SeriesDoc, SeriesPoint } from '@hearth/schema';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildManualSample, saveManualSample } from '../pages/entry/manualEntry.js';
import type { CatchUpProgress } from './progress.js';
import { streamUrl, type ConnectionState } from './stream.js';
import { NodeReplica } from './test-support/nodeReplica.js';
import { TestAccount } from './test-support/realAccount.js';
import { RealServer, installPageFetch } from './test-support/realServer.js';

// The client's replica and replication against the BUILT server in a child process (a fresh
// database): RxDB over fake IndexedDB, Node's fetch, `ws` for the stream.

const HOUR = 3_600_000;
/** A few months of hourly step counts: one series each. */
const HISTORY_SERIES = 3500;
/** Every wait is bounded; the worker and the stream answer well within this. */
const WAIT = { timeout: 15_000, interval: 50 };
/** The (UTC) day the tests record on: safely past, as entries may not lie in the future. */
const DAY = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
const at = (time: string) => Date.parse(`${DAY}T${time}:00Z`);

let server: RealServer;
let restoreFetch: () => void = () => undefined;
let opened: NodeReplica[] = [];

beforeAll(async () => {
  server = await RealServer.start();
  restoreFetch = installPageFetch();
}, 60_000);

afterEach(async () => {
  await Promise.all(opened.map((replica) => replica.close()));
  opened = [];
});

afterAll(async () => {
  restoreFetch();
  await server?.stop();
}, 30_000);

async function openReplica(account: TestAccount, name: string): Promise<NodeReplica> {
  const replica = await NodeReplica.open(await account.signIn(), account.id, name);
  opened.push(replica);
  return replica;
}

function steps(start: string, end: string, value: number): RawSample {
  return {
    type: 'STEPS',
    value,
    unit: 'count',
    startDate: new Date(at(start)).toISOString(),
    endDate: new Date(at(end)).toISOString(),
  };
}

/** What the manual entry screen does: validate with core, write into the local replica. */
async function enterSteps(device: NodeReplica, start: string, end: string, value: number) {
  const { db, localChanges } = device.replica;
  const manual = await db.devices.findOne({ selector: { kind: 'manual_entry' } }).exec();
  if (!manual) throw new Error('the manual entry device has not replicated');
  const result = buildManualSample(
    {
      type: 'STEPS',
      value: String(value),
      unit: 'count',
      start: `${DAY}T${start}`,
      end: `${DAY}T${end}`,
    },
    { timeZone: 'UTC', now: Date.now(), deviceId: manual.id },
  );
  if (!result.ok) throw new Error(result.message);
  await saveManualSample(db, localChanges, result.sample, 'UTC');
  return seriesId(manual.id, 'STEPS', Math.floor(at(start) / HOUR) * HOUR);
}

async function localPoints(device: NodeReplica, id: string): Promise<SeriesPoint[] | null> {
  const doc = await device.replica.db.series.findOne(id).exec();
  return doc ? doc.toMutableJSON().points : null;
}

type ComparableSeries = Pick<SeriesDoc, 'id' | 'points' | 'updatedAt'>;
const comparable = ({ id, points, updatedAt }: ComparableSeries): ComparableSeries => ({
  id,
  points,
  updatedAt,
});

const withoutUpdatedAt = ({ id, points }: ComparableSeries) => ({ id, points });

const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

async function localSeries(device: NodeReplica): Promise<ComparableSeries[]> {
  const docs = await device.replica.db.series.find().exec();
  return docs.map((doc) => comparable(doc.toMutableJSON())).sort(byId);
}

async function serverSeries(account: TestAccount): Promise<ComparableSeries[]> {
  return (await account.pullAll('series')).map(comparable).sort(byId);
}

async function stepsOn(account: TestAccount): Promise<number | undefined> {
  return (await account.summary(DAY)).metrics.STEPS;
}

/** The next live `change` message of the series stream that carries document `id`. */
function nextLiveChange(device: NodeReplica, id: string): Promise<SeriesDoc> {
  const item$ = device.stream.stream$('series').pipe(
    filter((item) => item !== 'RESYNC' && item.documents.some((doc) => doc.id === id)),
    timeout(WAIT.timeout),
  );
  return firstValueFrom(item$).then((item) => {
    if (item === 'RESYNC') throw new Error('filtered out above');
    return item.documents.find((doc) => doc.id === id)!;
  });
}

function connectionBecomes(device: NodeReplica, state: ConnectionState): Promise<unknown> {
  const state$ = device.stream.connection$.pipe(
    filter((current) => current === state),
    timeout(WAIT.timeout),
  );
  return firstValueFrom(state$);
}

/** Counts the RESYNCs the stream passes on from now (one per (re)connect, R7). */
function countResyncs(device: NodeReplica): { readonly count: number } {
  let count = 0;
  device.stream.stream$('series').subscribe((item) => {
    if (item === 'RESYNC') count += 1;
  });
  return {
    get count() {
      return count;
    },
  };
}

const seriesPulls = (device: NodeReplica) =>
  device.wire.pulls.filter((pull) => pull.collection === 'series').length;

describe('Replica against the real server', () => {
  it('uploads an entry made offline when back, the other replica gets it live, the server dedups it', async () => {
    const account = await TestAccount.register(server);
    const watch = await account.addWatch();
    await watch.send([steps('10:00', '11:00', 1000)]);
    const [a, b] = await Promise.all([openReplica(account, 'a'), openReplica(account, 'b')]);
    await Promise.all([a.replica.awaitInSync(), b.replica.awaitInSync()]);
    await expect.poll(() => stepsOn(account), WAIT).toBe(1000);

    a.page.setOnline(false);
    const id = await enterSteps(a, '10:30', '11:30', 600);
    await expect.poll(() => a.replica.tracker.snapshot.pendingUploads, WAIT).toBe(1);
    expect(await localPoints(b, id)).toBeNull();
    const pullsBefore = seriesPulls(b);

    const live = nextLiveChange(b, id);
    a.page.setOnline(true);
    const entry: SeriesPoint = [at('10:30'), at('11:30'), 600];
    expect((await live).points).toEqual([entry]);
    await expect.poll(() => localPoints(b, id), WAIT).toEqual([entry]);
    // It came through the stream: b never pulled.
    expect(seriesPulls(b)).toBe(pullsBefore);
    await expect.poll(() => a.replica.tracker.snapshot.pendingUploads, WAIT).toBe(0);
    // The watch outranks manual entries: it owns 10:00–11:00 (1000), the entry adds only its
    // unshared half hour (300), not its full 600.
    await expect.poll(() => stepsOn(account), WAIT).toBe(1300);
  });

  it('merges a series hour edited on both replicas at once into the union of their points', async () => {
    const account = await TestAccount.register(server);
    const [a, b] = await Promise.all([openReplica(account, 'a'), openReplica(account, 'b')]);
    await Promise.all([a.replica.awaitInSync(), b.replica.awaitInSync()]);
    const id = await enterSteps(a, '08:00', '08:10', 100);
    await expect.poll(() => localPoints(b, id), WAIT).toHaveLength(1);

    // Neither sees the other's edit before uploading its own: both assume the same master.
    a.page.setOnline(false);
    b.page.setOnline(false);
    await enterSteps(a, '08:20', '08:30', 200);
    await enterSteps(b, '08:40', '08:50', 300);
    a.page.setOnline(true);
    b.page.setOnline(true);

    const union: SeriesPoint[] = [
      [at('08:00'), at('08:10'), 100],
      [at('08:20'), at('08:30'), 200],
      [at('08:40'), at('08:50'), 300],
    ];
    const pointsOnServer = async () => (await serverSeries(account)).find((s) => s.id === id);
    await expect.poll(async () => (await pointsOnServer())?.points, WAIT).toEqual(union);
    // Contents only: the replica that resolved the conflict may keep its "waiting to upload"
    // marker (updatedAt '') when the server's echo of its merged upload arrives while that upload
    // is still in flight; RxDB's downstream then drops the echo.
    const expected = (await serverSeries(account)).map(withoutUpdatedAt);
    const contents = async (device: NodeReplica) =>
      (await localSeries(device)).map(withoutUpdatedAt);
    await expect
      .poll(async () => [await contents(a), await contents(b)], WAIT)
      .toEqual([expected, expected]);
    // The later upload was refused with the server's state and merged on that replica.
    expect(a.wire.conflicts + b.wire.conflicts).toBe(1);
  });

  it('pulls a few thousand series into a fresh replica page by page, missing none, with progress', async () => {
    const account = await TestAccount.register(server);
    const watch = await account.addWatch();
    const lastHour = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
    const samples = Array.from({ length: HISTORY_SERIES }, (_, i): RawSample => {
      const start = lastHour - i * HOUR;
      return {
        type: 'STEPS',
        value: 100 + (i % 50),
        unit: 'count',
        startDate: new Date(start).toISOString(),
        endDate: new Date(start + 10 * 60_000).toISOString(),
      };
    });
    await watch.send(samples);
    // Acknowledged batches become series when the server's workers fold them, moments later.
    await expect.poll(async () => (await serverSeries(account)).length, WAIT).toBe(HISTORY_SERIES);
    const expected = await serverSeries(account);

    const device = await openReplica(account, 'fresh');
    const progress: CatchUpProgress[] = [];
    const tracker = device.replica.tracker;
    const recording = tracker.snapshot$.subscribe(({ catchUp }) => progress.push(catchUp));
    await firstValueFrom(
      tracker.snapshot$.pipe(
        filter((s) => s.catchUp.done),
        timeout(WAIT.timeout),
      ),
    );
    recording.unsubscribe();
    await device.replica.awaitInSync();
    expect(await localSeries(device)).toEqual(expected);

    const pulls = device.wire.pulls.filter((pull) => pull.collection === 'series');
    // R8: each pull starts from the checkpoint the previous one returned, and positions only grow.
    pulls.forEach((pull, i) => expect(pull.from).toEqual(pulls[i - 1]?.checkpoint));
    const positions = pulls.filter((p) => p.count > 0).map((p) => p.checkpoint!.position);
    expect(positions).toEqual([...new Set(positions)].sort((x, y) => x - y));
    // R2: full pages until a short one; together exactly the server's documents, no repeats.
    expect(pulls.filter((p) => p.count > 0).map((p) => p.count)).toEqual([1000, 1000, 1000, 500]);

    // Progress is reported page by page and never goes back; an estimate, once the collections
    // still pulling have each returned a page, is never below what already arrived.
    const pulled = progress.map((p) => p.pulled);
    expect(pulled).toEqual([...pulled].sort((x, y) => x - y));
    const midway = progress.filter((p) => !p.done);
    expect(new Set(midway.map((p) => p.pulled).filter((n) => n >= 1000)).size).toBeGreaterThan(2);
    const estimated = midway.filter((p) => p.estimatedTotal !== null);
    for (const p of estimated) expect(p.estimatedTotal).toBeGreaterThanOrEqual(p.pulled);
    const last = progress.at(-1)!;
    expect(last).toEqual({ pulled: last.pulled, estimatedTotal: last.pulled, done: true });
    expect(last.pulled).toBeGreaterThan(HISTORY_SERIES);
  });

  it('reconnects with RESYNC and catches up after the server ended its session and socket', async () => {
    const account = await TestAccount.register(server);
    const watch = await account.addWatch();
    const device = await openReplica(account, 'a');
    await device.replica.awaitInSync();
    await connectionBecomes(device, 'connected');
    const resyncs = countResyncs(device);

    const closed = connectionBecomes(device, 'connecting');
    await account.signOut(device.page);
    await closed;
    // Meanwhile the watch uploads; the signed-out replica has no socket to hear of it.
    await watch.send([steps('14:00', '14:30', 700)]);
    const id = seriesId(watch.id, 'STEPS', at('14:00'));
    expect(await localPoints(device, id)).toBeNull();
    const pullsWhileOut = seriesPulls(device);

    await account.signIn(device.page);
    await expect
      .poll(() => localPoints(device, id), WAIT)
      .toEqual([[at('14:00'), at('14:30'), 700]]);
    expect(device.stream.connection$.value).toBe('connected');
    expect(resyncs.count).toBe(1);
    // Caught up by the pull the RESYNC asked for.
    expect(seriesPulls(device)).toBeGreaterThan(pullsWhileOut);
  });

  it('leaves its stream closed once newer ones of its session replaced it, until Sync now', async () => {
    const account = await TestAccount.register(server);
    const device = await openReplica(account, 'a');
    await connectionBecomes(device, 'connected');
    const paused = connectionBecomes(device, 'paused');
    // Eight more tabs of the same browser: the server keeps a session's newest eight streams
    // (sync-server/SPEC.md R13) and closes the oldest, this replica's, with 4429.
    const url = streamUrl(new URL(device.page.origin));
    const tabs = Array.from({ length: 8 }, () => device.page.openSocket(url));
    await paused;
    expect(device.replica.tracker.snapshot.connection).toBe('paused');
    // Well past every backoff of the test stream (1 s at most): it did not come back by itself
    // to replace one of the other tabs in turn.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(device.stream.connection$.value).toBe('paused');

    for (const tab of tabs) tab.close();
    device.replica.syncNow();
    await connectionBecomes(device, 'connected');
  });

  it('reconnects by itself after a server restart closed its sockets, and catches up both ways', async () => {
    const account = await TestAccount.register(server);
    const watch = await account.addWatch();
    const [a, b] = await Promise.all([openReplica(account, 'a'), openReplica(account, 'b')]);
    await Promise.all([a.replica.awaitInSync(), b.replica.awaitInSync()]);
    await Promise.all([connectionBecomes(a, 'connected'), connectionBecomes(b, 'connected')]);
    const resyncs = [countResyncs(a), countResyncs(b)];

    const closed = [connectionBecomes(a, 'connecting'), connectionBecomes(b, 'connecting')];
    let entry = '';
    await server.restart(async () => {
      await Promise.all(closed);
      // While the server is down: an entry on b waits to upload.
      entry = await enterSteps(b, '16:00', '16:20', 400);
      await expect.poll(() => b.replica.tracker.snapshot.pendingUploads, WAIT).toBe(1);
    });
    // Right after the restart, before or after the replicas are back: the watch uploads.
    await watch.send([steps('17:00', '17:30', 900)]);
    const watched = seriesId(watch.id, 'STEPS', at('17:00'));

    await expect.poll(() => localPoints(a, entry), WAIT).toEqual([[at('16:00'), at('16:20'), 400]]);
    await expect.poll(() => localPoints(b, watched), WAIT).toHaveLength(1);
    await expect.poll(() => b.replica.tracker.snapshot.pendingUploads, WAIT).toBe(0);
    const expected = await serverSeries(account);
    await expect
      .poll(async () => [await localSeries(a), await localSeries(b)], WAIT)
      .toEqual([expected, expected]);
    expect([a, b].map((d) => d.stream.connection$.value)).toEqual(['connected', 'connected']);
    expect(resyncs.map((r) => r.count)).toEqual([1, 1]);
  });
});
