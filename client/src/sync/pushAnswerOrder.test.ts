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

// client/README.md, "Known race": RxDB 17.6 holds server events back while a push runs, and a
// pull made during a push still brings the document back; these pin both orders.
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
});
