import type { ReplicatedCollection, ReplicationCheckpoint } from '@hearth/schema';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { Replica } from '../replica.js';
import { ReplicationStream, streamUrl } from '../stream.js';
import { httpTransport, type ReplicationTransport } from '../transport.js';
import type { BrowserPage } from './realServer.js';

/** One pull the replica made, as it went over the wire. */
export type PullRecord = {
  collection: ReplicatedCollection;
  from: ReplicationCheckpoint | undefined;
  checkpoint: ReplicationCheckpoint | null;
  count: number;
};

/** Quick reconnects, so a test waits for the server rather than for the backoff. */
const TEST_BACKOFF_MS = (attempt: number) => Math.min(1000, 50 * 2 ** attempt);
const TEST_RETRY_MS = 100;

/** What went over the wire between a replica and the server. */
export class WireLog {
  readonly pulls: PullRecord[] = [];
  /** Master states the server sent back instead of writing a push (R3). */
  conflicts = 0;
}

/** The client's HTTP transport, run in `page` (its cookie, its network), logging to `log`. */
function loggedTransport(page: BrowserPage, log: WireLog): ReplicationTransport {
  return {
    async pull(collection, from, limit) {
      const response = await page.run(() => httpTransport.pull(collection, from, limit));
      const { checkpoint, documents } = response;
      log.pulls.push({ collection, from, checkpoint, count: documents.length });
      return response;
    },
    async push(collection, rows) {
      const response = await page.run(() => httpTransport.push(collection, rows));
      log.conflicts += response.conflicts.length;
      return response;
    },
  };
}

/**
 * The app's replica as a browser runs it, in Node: RxDB's Dexie storage over its own fake
 * IndexedDB (a browser profile of its own), the HTTP transport and the WebSocket stream of one
 * `BrowserPage` (its session cookie, its network).
 */
export class NodeReplica {
  private constructor(
    readonly page: BrowserPage,
    readonly replica: Replica,
    readonly wire: WireLog,
    private readonly reopenWith: () => Promise<NodeReplica>,
  ) {}

  get stream(): ReplicationStream {
    // Always opened with a stream below.
    return this.replica.stream!;
  }

  /**
   * `name` tells apart replicas of one account living in this one process: RxDB refuses two open
   * databases of the same name and storage, which two real browsers never share.
   */
  static async open(
    page: BrowserPage,
    userId: string,
    name: string,
    /** The browser profile's IndexedDB: pass the same one again to reopen the same storage. */
    indexedDB: IDBFactory = new IDBFactory(),
  ): Promise<NodeReplica> {
    const wire = new WireLog();
    const stream = new ReplicationStream({
      url: streamUrl(new URL(page.origin)),
      openSocket: (url) => page.openSocket(url),
      backoffMs: TEST_BACKOFF_MS,
      events: page.events,
      isOnline: () => page.isOnline,
    });
    const replica = await Replica.open({
      userId: `${userId}-${name}`,
      timeZone: 'UTC',
      transport: loggedTransport(page, wire),
      stream,
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
      multiInstance: false,
      retryTimeMs: TEST_RETRY_MS,
      // Pruning local change notes is not what these tests are about.
      pruneEveryMs: 0,
    });
    return new NodeReplica(page, replica, wire, () =>
      NodeReplica.open(page, userId, name, indexedDB),
    );
  }

  close(): Promise<void> {
    return this.replica.close();
  }

  /**
   * A reload of the app: the replica closes and opens again on the same storage, with what it
   * had stored (documents, waiting uploads, replication checkpoints) and a new stream.
   */
  async restart(): Promise<NodeReplica> {
    await this.close();
    return this.reopenWith();
  }
}
