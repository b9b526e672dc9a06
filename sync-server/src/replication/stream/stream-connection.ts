import {
  REPLICATED_COLLECTIONS,
  REPLICATION_PROTOCOL_VERSION,
  STREAM_CLOSE_CODES,
  type ReplicatedCollection,
  type ReplicationCheckpoint,
  type StreamMessage,
} from '@hearth/schema';
import type { WebSocket } from 'ws';
import type { Pool } from '../../db/pool.js';
import type { Keyring } from '../../crypto/keyring.js';
import { READERS } from '../collections/index.js';

export interface StreamConnectionDeps {
  pool: Pool;
  keyring: Keyring;
  /** A change of more rows than this is announced as RESYNC instead of sent (SPEC R12). */
  maxChangeBatch: number;
  /** Unsent bytes beyond which the socket is dropped rather than buffered further. */
  maxBufferedBytes: number;
  log: { warn(obj: object, msg: string): void };
}

/**
 * One WebSocket of one user. It keeps, per collection, a cursor: the checkpoint up to which this
 * socket has announced rows (starting at the collection's end when the socket opened, since the
 * RESYNC sent then makes the client pull everything before it). A change notification makes it
 * send the rows after its cursor; by R1 no row can later commit below a cursor, so nothing is
 * skipped. Work runs one task at a time, so messages go out in order.
 */
export class StreamConnection {
  readonly userId: string;
  readonly sessionHash: Buffer;
  /** Cleared at each heartbeat, set again by the client's pong. */
  alive = true;
  readonly #socket: WebSocket;
  readonly #deps: StreamConnectionDeps;
  readonly #cursors = new Map<ReplicatedCollection, ReplicationCheckpoint | null>();
  readonly #dirty = new Set<ReplicatedCollection>();
  #resyncWanted = true;
  #busy = false;
  #closed = false;

  constructor(socket: WebSocket, userId: string, sessionHash: Buffer, deps: StreamConnectionDeps) {
    this.#socket = socket;
    this.userId = userId;
    this.sessionHash = sessionHash;
    this.#deps = deps;
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.on('close', () => {
      this.#closed = true;
    });
  }

  /** Sends hello, then (once the cursors are set) RESYNC (SPEC R7). */
  open(): void {
    this.#send({ type: 'hello', protocolVersion: REPLICATION_PROTOCOL_VERSION });
    this.#kick();
  }

  /** The user's rows in these collections changed (a NOTIFY from any instance). */
  notify(collections: readonly ReplicatedCollection[]): void {
    for (const collection of collections) this.#dirty.add(collection);
    this.#kick();
  }

  /** Notifications may have been missed (the LISTEN connection was lost): start over. */
  resync(): void {
    this.#resyncWanted = true;
    this.#kick();
  }

  close(code: number, reason: string): void {
    this.#closed = true;
    this.#socket.close(code, reason);
  }

  terminate(): void {
    this.#closed = true;
    this.#socket.terminate();
  }

  ping(): void {
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.ping();
  }

  get closed(): boolean {
    return this.#closed;
  }

  #kick(): void {
    if (this.#busy || this.#closed) return;
    this.#busy = true;
    void this.#drain();
  }

  async #drain(): Promise<void> {
    try {
      while (!this.#closed && (this.#resyncWanted || this.#dirty.size > 0)) {
        if (this.#resyncWanted) {
          await this.#sendResync();
          continue;
        }
        const collections = [...this.#dirty];
        this.#dirty.clear();
        for (const collection of collections) {
          if (!(await this.#sendChanges(collection))) this.#resyncWanted = true;
        }
      }
    } catch (err) {
      // The database is unreachable or a row cannot be read: the client must not believe it is
      // up to date. Closing makes it reconnect, which starts with a RESYNC.
      this.#deps.log.warn({ err: (err as Error).message }, 'replication stream failed; closing');
      this.close(STREAM_CLOSE_CODES.serverError, 'stream error');
    } finally {
      // No await between the loop's last check and here: a notify() arriving later kicks anew.
      this.#busy = false;
    }
  }

  async #sendResync(): Promise<void> {
    this.#resyncWanted = false;
    this.#dirty.clear();
    // Cursors first: whatever commits after this read is above them and will be sent as a change.
    for (const collection of REPLICATED_COLLECTIONS) {
      const latest = await READERS[collection].latestCheckpoint(this.#deps.pool, this.userId);
      this.#cursors.set(collection, latest);
    }
    this.#send({ type: 'RESYNC' });
  }

  /** Sends the rows after the cursor; false when there are too many (the caller RESYNCs). */
  async #sendChanges(collection: ReplicatedCollection): Promise<boolean> {
    const { pool, keyring, maxChangeBatch } = this.#deps;
    const dataKey = await keyring.getUserKey(pool, this.userId);
    const ctx = { db: pool, userId: this.userId, dataKey };
    const cursor = this.#cursors.get(collection) ?? null;
    const page = await READERS[collection].changesAfter(ctx, cursor, maxChangeBatch + 1);
    if (page.length > maxChangeBatch) return false;
    const last = page[page.length - 1];
    if (!last || this.#closed) return true;
    this.#cursors.set(collection, last.checkpoint);
    this.#send({
      type: 'change',
      collection,
      documents: page.map((c) => c.doc),
      checkpoint: last.checkpoint,
    });
    return true;
  }

  #send(message: StreamMessage): void {
    if (this.#closed || this.#socket.readyState !== this.#socket.OPEN) return;
    if (this.#socket.bufferedAmount > this.#deps.maxBufferedBytes) {
      this.close(STREAM_CLOSE_CODES.tooSlow, 'client too slow');
      return;
    }
    this.#socket.send(JSON.stringify(message));
  }
}
