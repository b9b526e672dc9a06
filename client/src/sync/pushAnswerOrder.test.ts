import { firstValueFrom, filter } from 'rxjs';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { PENDING_UPDATED_AT } from '../db/types.js';
import { Replica } from './replica.js';
import { ReplicationStream, type SocketLike } from './stream.js';
import { ModelServer } from './test-support/modelServer.js';
import type { ReplicationTransport } from './transport.js';

const HOUR_START = Date.UTC(2026, 0, 5, 10);
let replica: Replica | null = null;
afterEach(() => replica?.close());

/**
 * A server whose answer to a push comes only after the device pulled again (a RESYNC on a
 * reconnect, or the poll while the stream is down) and that pull, which already holds the
 * server's state of the push, went through RxDB's downstream.
 */
function pullOvertakes(server: ModelServer, resync: () => Promise<void>): ReplicationTransport {
  return {
    pull: (collection, checkpoint, limit) => server.pull(collection, checkpoint, limit),
    async push(collection, rows) {
      const answer = await server.push(collection, rows);
      await resync();
      return answer;
    },
  };
}

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  close() {}
  send(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

/** A server whose stream announces the pushed documents before the push's answer arrives. */
function streamOvertakes(server: ModelServer, socket: FakeSocket, settle: () => Promise<void>) {
  const transport: ReplicationTransport = {
    pull: (collection, checkpoint, limit) => server.pull(collection, checkpoint, limit),
    async push(collection, rows) {
      const answer = await server.push(collection, rows);
      const page = await server.pull(collection, undefined, 1000);
      const ids = new Set(rows.map((r) => (r.newDocumentState as { id: string }).id));
      socket.send({
        type: 'change',
        collection,
        documents: page.documents.filter((d) => ids.has(d.id)),
        checkpoint: page.checkpoint,
      });
      await settle();
      return answer;
    },
  };
  return transport;
}

async function writeAndUpload(open: Replica): Promise<string> {
  await open.awaitInSync();
  const id = `phone|STEPS|${HOUR_START}`;
  await open.db.series.insert({
    id,
    deviceId: 'phone',
    type: 'STEPS',
    hourStart: HOUR_START,
    points: [[HOUR_START, HOUR_START + 60_000, 40]],
    updatedAt: PENDING_UPDATED_AT,
  });
  await firstValueFrom(open.tracker.snapshot$.pipe(filter((s) => s.pendingUploads === 1)));
  await firstValueFrom(open.tracker.snapshot$.pipe(filter((s) => s.pendingUploads === 0)));
  return id;
}

// client/README.md and pushEchoes.ts: RxDB 17.6 holds server events back while a push runs, a
// pull made during a push still brings the document back, and a pull already running when the
// push starts is pulled again once the push is recorded; these pin the three orders.
describe('the server state of a push arriving before its answer', () => {
  it('through the stream, clears "waiting to upload"', async () => {
    const server = new ModelServer();
    const socket = new FakeSocket();
    const stream = new ReplicationStream({
      url: 'ws://example/api/v1/replication/stream',
      openSocket: () => socket,
      events: new EventTarget(),
      isOnline: () => true,
    });
    const settle = async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await replica!.replications[4]!.internalReplicationState!.streamQueue.down;
    };
    replica = await Replica.open({
      userId: `stream-order-${Date.now()}`,
      timeZone: 'UTC',
      transport: streamOvertakes(server, socket, settle),
      stream,
      storage: getRxStorageMemory(),
      multiInstance: false,
      retryTimeMs: 20,
      pruneEveryMs: 0,
    });
    socket.onopen?.({});
    const id = await writeAndUpload(replica);
    const local = await replica.db.series.findOne(id).exec();
    expect(local?.updatedAt).toBe(server.get('series', id)?.updatedAt);
  });

  it('through a pull made during the push, clears "waiting to upload"', async () => {
    const server = new ModelServer();
    const resync = async () => {
      const series = replica!.replications[4]!;
      series.reSync();
      // The pull starts a few tasks later; then let the downstream handle its page.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await series.internalReplicationState!.streamQueue.down;
    };
    replica = await Replica.open({
      userId: `pull-order-${Date.now()}`,
      timeZone: 'UTC',
      transport: pullOvertakes(server, resync),
      stream: null,
      storage: getRxStorageMemory(),
      multiInstance: false,
      retryTimeMs: 20,
      pruneEveryMs: 0,
    });
    const id = await writeAndUpload(replica);
    const local = await replica.db.series.findOne(id).exec();
    expect(local?.updatedAt).toBe(server.get('series', id)?.updatedAt);
  });

  it('through a pull already running when the push starts, clears "waiting to upload"', async () => {
    // A pull that starts before the local write (a "Sync now", a reconnect's RESYNC, the start
    // of the app) is not held back by the push, and its page can hold the server's state of the
    // push before RxDB has recorded the push: RxDB's downstream skips it as an unsent change.
    const server = new ModelServer();
    let pushStored: () => void = () => undefined;
    const stored = new Promise<void>((resolve) => (pushStored = resolve));
    let pageHandled: () => void = () => undefined;
    const handled = new Promise<void>((resolve) => (pageHandled = resolve));
    let holdNextPull = false;
    const transport: ReplicationTransport = {
      async pull(collection, checkpoint, limit) {
        if (collection !== 'series' || !holdNextPull)
          return server.pull(collection, checkpoint, limit);
        holdNextPull = false;
        await stored;
        const page = await server.pull(collection, checkpoint, limit);
        // The downstream handles the page once this returns, while the push is still unanswered.
        setTimeout(() => {
          void replica!.replications[4]!.internalReplicationState!.streamQueue.down.then(() =>
            pageHandled(),
          );
        }, 50);
        return page;
      },
      async push(collection, rows) {
        const answer = await server.push(collection, rows);
        if (collection === 'series') {
          pushStored();
          await handled;
        }
        return answer;
      },
    };
    replica = await Replica.open({
      userId: `running-pull-${Date.now()}`,
      timeZone: 'UTC',
      transport,
      stream: null,
      storage: getRxStorageMemory(),
      multiInstance: false,
      retryTimeMs: 20,
      pruneEveryMs: 0,
    });
    await replica.awaitInSync();
    holdNextPull = true;
    replica.replications[4]!.reSync();
    const id = `phone|STEPS|${HOUR_START}`;
    await replica.db.series.insert({
      id,
      deviceId: 'phone',
      type: 'STEPS',
      hourStart: HOUR_START,
      points: [[HOUR_START, HOUR_START + 60_000, 40]],
      updatedAt: PENDING_UPDATED_AT,
    });
    await handled;
    await replica.awaitInSync();
    await expect
      .poll(async () => (await replica!.db.series.findOne(id).exec())?.updatedAt)
      .toBe(server.get('series', id)?.updatedAt);
    expect(replica.tracker.snapshot.pendingUploads).toBe(0);
  });
});
