import {
  REPLICATED_COLLECTIONS,
  REPLICATED_DOC_SCHEMAS,
  REPLICATION_PROTOCOL_VERSION,
  STREAM_CLOSE_CODES,
  streamMessageSchema,
  type ReplicatedCollection,
  type ReplicatedDoc,
  type ReplicationCheckpoint,
} from '@hearth/schema';
import { BehaviorSubject, Subject, type Observable } from 'rxjs';

export type StreamItem<C extends ReplicatedCollection> =
  { documents: ReplicatedDoc<C>[]; checkpoint: ReplicationCheckpoint } | 'RESYNC';

/**
 * `paused`: the server closed the stream because a newer one of this account took its place (too
 * many tabs or browsers open); it stays closed until the person asks, the browser comes back
 * online, or a long wait has passed. Pulls still bring changes meanwhile.
 */
export type ConnectionState = 'connecting' | 'connected' | 'offline' | 'paused';

/** The subset of the browser's WebSocket the stream uses, so tests can hand in a fake. */
export type SocketLike = {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  /** The browser's CloseEvent carries the server's close code. */
  onclose: ((event: { code?: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(): void;
};

export type StreamOptions = {
  url: string;
  openSocket?: (url: string) => SocketLike;
  /** Delay before reconnect attempt n (1-based). */
  backoffMs?: (attempt: number) => number;
  /** Where `online`/`offline` events come from (window in the browser). */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  isOnline?: () => boolean;
  /** How long a stream another one replaced waits before trying again by itself. */
  replacedRetryMs?: number;
};

const MAX_BACKOFF_MS = 30_000;
/**
 * A replaced stream reconnecting at once would take the place of the account's oldest stream,
 * which would reconnect and replace the next: tabs beyond the server's cap would take turns
 * forever. Ten minutes keeps that to a trickle while a forgotten tab still comes back.
 */
export const REPLACED_RETRY_MS = 10 * 60_000;
export function defaultBackoffMs(attempt: number): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempt - 1));
  return base / 2 + Math.random() * (base / 2);
}

export function streamUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api/v1/replication/stream`;
}

/**
 * The one WebSocket of live changes (`/api/v1/replication/stream`), fanned out into one
 * `pull.stream$` per collection. It reconnects with backoff (at once when the browser comes back
 * online); the server sends RESYNC on every connect, which makes every collection pull from its
 * checkpoint, so nothing that happened while disconnected is missed.
 */
export class ReplicationStream {
  readonly connection$ = new BehaviorSubject<ConnectionState>('connecting');
  /** Set when the server speaks a newer protocol than this build: the app must be updated. */
  readonly protocolMismatch$ = new BehaviorSubject<boolean>(false);
  private readonly subjects = new Map<ReplicatedCollection, Subject<StreamItem<never>>>();
  private socket: SocketLike | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private readonly options: Required<StreamOptions>;

  constructor(options: StreamOptions) {
    this.options = {
      openSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      backoffMs: defaultBackoffMs,
      events: globalThis,
      isOnline: () => globalThis.navigator?.onLine ?? true,
      replacedRetryMs: REPLACED_RETRY_MS,
      ...options,
    };
    for (const name of REPLICATED_COLLECTIONS) this.subjects.set(name, new Subject());
  }

  stream$<C extends ReplicatedCollection>(collection: C): Observable<StreamItem<C>> {
    return this.subjects.get(collection)!.asObservable();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.options.events.addEventListener('online', this.onOnline);
    this.options.events.addEventListener('offline', this.onOffline);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.options.events.removeEventListener('online', this.onOnline);
    this.options.events.removeEventListener('offline', this.onOffline);
    this.clearRetry();
    this.dropSocket();
    this.connection$.next('offline');
    for (const subject of this.subjects.values()) subject.complete();
  }

  /**
   * Reconnects now instead of waiting for the backoff (e.g. the user pressed "Sync now"), also
   * after the server replaced this stream: the person asked for this tab.
   */
  reconnectNow(): void {
    if (this.stopped || this.connection$.value === 'connected') return;
    this.clearRetry();
    this.dropSocket();
    this.attempt = 0;
    this.connect();
  }

  private readonly onOnline = (): void => this.reconnectNow();

  private readonly onOffline = (): void => {
    // A socket is not told that the network went away; drop it so the status is honest.
    this.clearRetry();
    this.dropSocket();
    this.connection$.next('offline');
  };

  private connect(): void {
    if (!this.options.isOnline()) {
      this.connection$.next('offline');
      return;
    }
    this.connection$.next('connecting');
    const socket = this.options.openSocket(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.connection$.next('connected');
    };
    socket.onmessage = (event) => {
      if (this.socket === socket) this.handleMessage(event.data);
    };
    socket.onerror = () => socket.close();
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (event.code === STREAM_CLOSE_CODES.replaced) this.pauseAfterReplaced();
      else this.scheduleReconnect();
    };
  }

  /** See `REPLACED_RETRY_MS`; `reconnectNow` and the browser's `online` event end it sooner. */
  private pauseAfterReplaced(): void {
    this.clearRetry();
    this.attempt = 0;
    this.connection$.next('paused');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, this.options.replacedRetryMs);
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.connection$.next(this.options.isOnline() ? 'connecting' : 'offline');
    this.attempt += 1;
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, this.options.backoffMs(this.attempt));
  }

  private handleMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = streamMessageSchema.safeParse(json);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'hello') {
      this.protocolMismatch$.next(message.protocolVersion !== REPLICATION_PROTOCOL_VERSION);
    } else if (message.type === 'RESYNC') {
      for (const subject of this.subjects.values()) subject.next('RESYNC');
    } else {
      const documents = REPLICATED_DOC_SCHEMAS[message.collection]
        .array()
        .safeParse(message.documents);
      // A change we cannot read is not applied piecemeal: a RESYNC pulls it through the checked
      // pull path instead.
      const item = documents.success
        ? { documents: documents.data, checkpoint: message.checkpoint }
        : 'RESYNC';
      this.subjects.get(message.collection)!.next(item as StreamItem<never>);
    }
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private dropSocket(): void {
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
      socket.close();
    }
  }
}
