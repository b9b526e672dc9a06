import pg from 'pg';
import type { ReplicatedCollection } from '@hearth/schema';
import type { Pool, Queryable } from './db/pool.js';

/**
 * LISTEN/NOTIFY hub: how instances (API servers, workers) learn about each other's writes.
 *
 * Publishing is `pg_notify` on the writer's own connection, so inside a transaction the message
 * is delivered only after COMMIT (and never if it rolls back). Each process keeps ONE dedicated
 * listening connection and fans messages out to in-process subscribers. After that connection
 * is lost and re-established, subscribers get `onResync`: they may have missed messages and must
 * treat everything as changed (D's stream sends RESYNC; caches clear).
 */
export const CHANNELS = {
  changes: 'hearth_changes',
  rollupWork: 'hearth_rollup_work',
  userErased: 'hearth_user_erased',
  /** Payload: the hex SHA-256 of a session token that was signed out (never the token). */
  sessionRevoked: 'hearth_session_revoked',
  /** Payload: the user id of a device that was deleted (its token revoked). */
  deviceRevoked: 'hearth_device_revoked',
} as const;

export interface ChangeEvent {
  userId: string;
  collections: ReplicatedCollection[];
  /** The new daily summaries of the days a rollup changed, sealed (query/summary-push.ts). */
  summaries?: string;
}

/**
 * Tells listeners that the user's replicated collections changed (delivered at COMMIT), with the
 * rollup worker's sealed summaries of the days it changed, if any (they must keep the payload
 * under PostgreSQL's 8,000 bytes: summary-push.ts budgets them).
 */
export async function publishChange(
  db: Queryable,
  userId: string,
  collections: readonly ReplicatedCollection[],
  summaries?: string,
): Promise<void> {
  if (collections.length === 0) return;
  const change = { u: userId, c: [...new Set(collections)] };
  const payload = JSON.stringify(summaries ? { ...change, s: summaries } : change);
  await db.query('SELECT pg_notify($1, $2)', [CHANNELS.changes, payload]);
}

/** Wakes rollup workers: the queue has new rows (delivered at COMMIT). */
export async function publishRollupWork(db: Queryable): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [CHANNELS.rollupWork, '']);
}

export async function publishUserErased(db: Queryable, userId: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [CHANNELS.userErased, userId]);
}

export async function publishSessionRevoked(db: Queryable, tokenHashHex: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [CHANNELS.sessionRevoked, tokenHashHex]);
}

/** Tells every instance that one of the user's devices was deleted and its token revoked. */
export async function publishDeviceRevoked(db: Queryable, userId: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [CHANNELS.deviceRevoked, userId]);
}

type Listener<T> = (value: T) => void;

interface Logger {
  warn(obj: object, msg: string): void;
}

export interface NotifyHubOptions {
  /** Opens the listening connection; defaults to the pool's connection settings. */
  connect?: () => Promise<pg.Client>;
  log?: Logger;
  reconnectDelayMs?: number;
}

export class NotifyHub {
  readonly #connect: () => Promise<pg.Client>;
  readonly #log: Logger | undefined;
  readonly #reconnectDelayMs: number;
  readonly #changeListeners = new Set<Listener<ChangeEvent>>();
  readonly #workListeners = new Set<Listener<void>>();
  readonly #erasedListeners = new Set<Listener<string>>();
  readonly #sessionListeners = new Set<Listener<string>>();
  readonly #deviceListeners = new Set<Listener<string>>();
  readonly #resyncListeners = new Set<Listener<void>>();
  #client: pg.Client | null = null;
  #stopped = false;
  #reconnectTimer: NodeJS.Timeout | null = null;

  constructor(pool: Pool, options: NotifyHubOptions = {}) {
    this.#connect =
      options.connect ??
      (async () => {
        const client = new pg.Client({ ...pool.options, application_name: 'hearth-listen' });
        await client.connect();
        return client;
      });
    this.#log = options.log;
    this.#reconnectDelayMs = options.reconnectDelayMs ?? 1000;
  }

  async start(): Promise<void> {
    this.#stopped = false;
    await this.#open();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }

  get listening(): boolean {
    return this.#client !== null;
  }

  onChange(listener: Listener<ChangeEvent>): () => void {
    return subscribe(this.#changeListeners, listener);
  }

  onRollupWork(listener: Listener<void>): () => void {
    return subscribe(this.#workListeners, listener);
  }

  onUserErased(listener: Listener<string>): () => void {
    return subscribe(this.#erasedListeners, listener);
  }

  onSessionRevoked(listener: Listener<string>): () => void {
    return subscribe(this.#sessionListeners, listener);
  }

  /** A user id, whenever one of the user's devices is deleted. */
  onDeviceRevoked(listener: Listener<string>): () => void {
    return subscribe(this.#deviceListeners, listener);
  }

  /** After a lost connection: messages may have been missed. */
  onResync(listener: Listener<void>): () => void {
    return subscribe(this.#resyncListeners, listener);
  }

  async #open(): Promise<void> {
    const client = await this.#connect();
    client.on('notification', (msg) => this.#dispatch(msg.channel, msg.payload ?? ''));
    client.on('error', (err) => this.#lost(client, err));
    client.on('end', () => this.#lost(client, new Error('connection ended')));
    for (const channel of Object.values(CHANNELS)) {
      await client.query(`LISTEN ${channel}`);
    }
    this.#client = client;
  }

  #lost(client: pg.Client, err: Error): void {
    if (this.#client !== client) return;
    this.#client = null;
    client.end().catch(() => undefined);
    if (this.#stopped) return;
    this.#log?.warn({ err: err.message }, 'notify connection lost; reconnecting');
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      this.#open()
        .then(() => emit(this.#resyncListeners, undefined))
        .catch(() => {
          if (!this.#stopped) this.#scheduleReconnect();
        });
    }, this.#reconnectDelayMs);
    this.#reconnectTimer.unref();
  }

  #dispatch(channel: string, payload: string): void {
    if (channel === CHANNELS.changes) {
      const event = parseChange(payload);
      if (event) emit(this.#changeListeners, event);
    } else if (channel === CHANNELS.rollupWork) {
      emit(this.#workListeners, undefined);
    } else if (channel === CHANNELS.userErased) {
      emit(this.#erasedListeners, payload);
    } else if (channel === CHANNELS.sessionRevoked) {
      emit(this.#sessionListeners, payload);
    } else if (channel === CHANNELS.deviceRevoked) {
      emit(this.#deviceListeners, payload);
    }
  }
}

function parseChange(payload: string): ChangeEvent | null {
  try {
    const { u, c, s } = JSON.parse(payload) as {
      u: string;
      c: ReplicatedCollection[];
      s?: unknown;
    };
    if (typeof u !== 'string' || !Array.isArray(c)) return null;
    return typeof s === 'string'
      ? { userId: u, collections: c, summaries: s }
      : { userId: u, collections: c };
  } catch {
    return null;
  }
}

function subscribe<T>(set: Set<Listener<T>>, listener: Listener<T>): () => void {
  set.add(listener);
  return () => set.delete(listener);
}

function emit<T>(set: Set<Listener<T>>, value: T): void {
  for (const listener of set) {
    try {
      listener(value);
    } catch {
      // One failing subscriber must not stop the others from hearing about the change.
    }
  }
}
