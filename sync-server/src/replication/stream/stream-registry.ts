import { STREAM_CLOSE_CODES } from '@hearth/schema';
import type { WebSocket } from 'ws';
import type { Pool } from '../../db/pool.js';
import type { Keyring } from '../../crypto/keyring.js';
import type { NotifyHub } from '../../notify.js';
import { StreamConnection } from './stream-connection.js';

export interface StreamRegistryOptions {
  pool: Pool;
  keyring: Keyring;
  hub: NotifyHub;
  log: { warn(obj: object, msg: string): void };
  /** Ping period; a socket that has not answered the previous ping is dropped. */
  heartbeatMs?: number;
  maxChangeBatch?: number;
  maxBufferedBytes?: number;
}

export const DEFAULT_HEARTBEAT_MS = 30_000;
export const DEFAULT_MAX_CHANGE_BATCH = 200;
const DEFAULT_MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/**
 * Streams one session (one browser: its tabs share the cookie) and one user (their browsers and
 * devices) may hold open on this instance. Every stream re-reads its cursors on each change, so
 * one write costs a query per open stream: unbounded, one session could open thousands and make
 * each of the user's writes fan out into as many queries. 8 covers a browser with several Hearth
 * tabs, 32 several such browsers; a newer stream closes the oldest (close code `replaced`),
 * because the newest is the one a person is looking at.
 */
export const MAX_STREAMS_PER_SESSION = 8;
export const MAX_STREAMS_PER_USER = 32;

/**
 * This instance's replication sockets, by user. Change notifications come from the NotifyHub
 * (PostgreSQL LISTEN/NOTIFY), so a write on any instance reaches every instance's sockets.
 * Each heartbeat also re-checks the sockets' sessions in one query: a logout or an erasure on
 * another instance closes these sockets within one period.
 */
export class StreamRegistry {
  readonly #byUser = new Map<string, Set<StreamConnection>>();
  readonly #options: Required<StreamRegistryOptions>;
  readonly #unsubscribe: Array<() => void>;
  readonly #heartbeat: NodeJS.Timeout;

  constructor(options: StreamRegistryOptions) {
    this.#options = {
      heartbeatMs: DEFAULT_HEARTBEAT_MS,
      maxChangeBatch: DEFAULT_MAX_CHANGE_BATCH,
      maxBufferedBytes: DEFAULT_MAX_BUFFERED_BYTES,
      ...options,
    };
    const { hub } = options;
    this.#unsubscribe = [
      hub.onChange((event) => {
        for (const connection of this.#byUser.get(event.userId) ?? []) {
          connection.notify(event.collections);
        }
      }),
      hub.onResync(() => {
        for (const connection of this.#all()) connection.resync();
      }),
      hub.onUserErased((userId) => this.closeUser(userId, 'account erased')),
      // A logout on any instance ends that session's sockets here too, without waiting for the
      // next heartbeat's session re-check.
      hub.onSessionRevoked((hashHex) => this.closeSession(Buffer.from(hashHex, 'hex'))),
    ];
    this.#heartbeat = setInterval(() => void this.heartbeat(), this.#options.heartbeatMs);
    this.#heartbeat.unref();
  }

  /** Takes over an authenticated socket: hello, RESYNC, then live changes until it closes. */
  attach(socket: WebSocket, userId: string, sessionHash: Buffer): StreamConnection {
    const { pool, keyring, log, maxChangeBatch, maxBufferedBytes } = this.#options;
    const connection = new StreamConnection(socket, userId, sessionHash, {
      pool,
      keyring,
      log,
      maxChangeBatch,
      maxBufferedBytes,
    });
    let set = this.#byUser.get(userId);
    if (!set) this.#byUser.set(userId, (set = new Set()));
    set.add(connection);
    this.#closeOldestBeyondCaps(set, sessionHash);
    socket.on('close', () => this.#forget(connection));
    // Clients never send anything; a message is ignored rather than buffered.
    socket.on('message', () => undefined);
    socket.on('error', () => connection.terminate());
    connection.open();
    return connection;
  }

  /** Closes every socket of the user (logout everywhere, erasure, tests). Returns how many. */
  closeUser(userId: string, reason = 'signed out'): number {
    const connections = [...(this.#byUser.get(userId) ?? [])];
    for (const connection of connections) connection.close(STREAM_CLOSE_CODES.sessionEnded, reason);
    return connections.length;
  }

  /** Closes the sockets opened with one session (its logout). Returns how many. */
  closeSession(sessionHash: Buffer, reason = 'signed out'): number {
    const connections = this.#all().filter((c) => c.sessionHash.equals(sessionHash));
    for (const connection of connections) connection.close(STREAM_CLOSE_CODES.sessionEnded, reason);
    return connections.length;
  }

  /** Open sockets of a user (all users when omitted). */
  count(userId?: string): number {
    if (userId !== undefined) return this.#byUser.get(userId)?.size ?? 0;
    return this.#all().length;
  }

  /** Stops listening and closes every socket (server shutdown). */
  close(): void {
    clearInterval(this.#heartbeat);
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    for (const connection of this.#all())
      connection.close(STREAM_CLOSE_CODES.goingAway, 'server closing');
  }

  #all(): StreamConnection[] {
    return [...this.#byUser.values()].flatMap((set) => [...set]);
  }

  /** A user's set holds their streams oldest first (a Set keeps insertion order). */
  #closeOldestBeyondCaps(streams: Set<StreamConnection>, sessionHash: Buffer): void {
    const open = [...streams].filter((c) => !c.closed);
    const ofSession = open.filter((c) => c.sessionHash.equals(sessionHash));
    const excess = [
      ...ofSession.slice(0, Math.max(0, ofSession.length - MAX_STREAMS_PER_SESSION)),
      ...open.slice(0, Math.max(0, open.length - MAX_STREAMS_PER_USER)),
    ];
    for (const connection of new Set(excess)) {
      connection.close(
        STREAM_CLOSE_CODES.replaced,
        'too many streams: a newer one replaced this one',
      );
      streams.delete(connection);
    }
  }

  #forget(connection: StreamConnection): void {
    const set = this.#byUser.get(connection.userId);
    set?.delete(connection);
    if (set?.size === 0) this.#byUser.delete(connection.userId);
  }

  /**
   * One heartbeat (the timer calls it every period; tests call it directly): drops sockets that
   * missed the previous ping, pings the rest, closes those whose session ended.
   */
  async heartbeat(): Promise<void> {
    const connections = this.#all();
    for (const connection of connections) {
      if (!connection.alive) {
        connection.terminate();
        continue;
      }
      connection.alive = false;
      connection.ping();
    }
    await this.#closeEndedSessions(connections).catch((err: Error) => {
      // A failed check keeps the sockets; the next beat checks again.
      this.#options.log.warn({ err: err.message }, 'replication stream session check failed');
    });
  }

  async #closeEndedSessions(connections: readonly StreamConnection[]): Promise<void> {
    const open = connections.filter((c) => !c.closed);
    if (open.length === 0) return;
    const res = await this.#options.pool.query<{ token_hash: Buffer }>(
      `SELECT s.token_hash FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = ANY($1::bytea[]) AND s.expires_at > now() AND u.erased_at IS NULL`,
      [open.map((c) => c.sessionHash)],
    );
    const live = new Set(res.rows.map((r) => r.token_hash.toString('hex')));
    for (const connection of open) {
      if (!live.has(connection.sessionHash.toString('hex'))) {
        connection.close(STREAM_CLOSE_CODES.sessionEnded, 'session ended');
      }
    }
  }
}
