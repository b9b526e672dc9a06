import { STREAM_CLOSE_CODES } from '@hearth/schema';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReplicationStream, streamUrl, type SocketLike, type StreamItem } from './stream.js';

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  closed = false;
  constructor(readonly url: string) {}
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.({});
  }
  send(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(code?: number) {
    this.onclose?.(code === undefined ? {} : { code });
  }
}

describe('ReplicationStream', () => {
  let sockets: FakeSocket[];
  let events: EventTarget;
  let online: boolean;
  let stream: ReplicationStream;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    events = new EventTarget();
    online = true;
    stream = new ReplicationStream({
      url: 'ws://example/api/v1/replication/stream',
      openSocket: (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket;
      },
      backoffMs: (attempt) => attempt * 1000,
      events,
      isOnline: () => online,
      replacedRetryMs: 600_000,
    });
  });
  afterEach(() => {
    stream.stop();
    vi.useRealTimers();
  });

  it('builds the socket URL from the page location', () => {
    expect(streamUrl({ protocol: 'https:', host: 'hearth.example' })).toBe(
      'wss://hearth.example/api/v1/replication/stream',
    );
    expect(streamUrl({ protocol: 'http:', host: '127.0.0.1:4000' })).toBe(
      'ws://127.0.0.1:4000/api/v1/replication/stream',
    );
  });

  it('fans RESYNC out to every collection and changes to their own collection', () => {
    const series: StreamItem<'series'>[] = [];
    const rollups: StreamItem<'rollups'>[] = [];
    stream.stream$('series').subscribe((item) => series.push(item));
    stream.stream$('rollups').subscribe((item) => rollups.push(item));
    stream.start();
    sockets[0]!.open();
    expect(stream.connection$.value).toBe('connected');
    sockets[0]!.send({ type: 'hello', protocolVersion: 1 });
    sockets[0]!.send({ type: 'RESYNC' });
    const rollup = {
      id: 'STEPS|day|2026-01-05T00:00:00+00:00',
      type: 'STEPS',
      period: 'day',
      periodStart: '2026-01-05T00:00:00+00:00',
      startMs: Date.UTC(2026, 0, 5),
      value: 1200,
      sampleCount: 4,
      updatedAt: '2026-01-05T10:00:00.000Z',
      _deleted: false,
    };
    const checkpoint = { position: 7, id: rollup.id };
    sockets[0]!.send({ type: 'change', collection: 'rollups', documents: [rollup], checkpoint });
    // A document that does not match the collection's schema is fetched by a pull instead.
    sockets[0]!.send({ type: 'change', collection: 'series', documents: [{ id: 1 }], checkpoint });
    sockets[0]!.send('not json');
    expect(series).toEqual(['RESYNC', 'RESYNC']);
    expect(rollups).toEqual(['RESYNC', { documents: [rollup], checkpoint }]);
    expect(stream.protocolMismatch$.value).toBe(false);
    sockets[0]!.send({ type: 'hello', protocolVersion: 2 });
    expect(stream.protocolMismatch$.value).toBe(true);
  });

  it('reconnects with backoff after the socket drops, at once when the browser is back online', () => {
    stream.start();
    sockets[0]!.open();
    sockets[0]!.drop();
    expect(stream.connection$.value).toBe('connecting');
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    sockets[1]!.drop();
    online = false;
    events.dispatchEvent(new Event('offline'));
    expect(stream.connection$.value).toBe('offline');
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(2);
    online = true;
    events.dispatchEvent(new Event('online'));
    expect(sockets).toHaveLength(3);
    sockets[2]!.open();
    expect(stream.connection$.value).toBe('connected');
  });

  it('drops its socket on offline and on stop, and ignores a stale socket', () => {
    stream.start();
    const first = sockets[0]!;
    first.open();
    events.dispatchEvent(new Event('offline'));
    expect(first.closed).toBe(true);
    first.open();
    expect(stream.connection$.value).toBe('offline');
    events.dispatchEvent(new Event('online'));
    stream.stop();
    expect(sockets[1]!.closed).toBe(true);
    expect(stream.connection$.value).toBe('offline');
  });

  it('reconnects with backoff after the server closes for a reason other than replacement', () => {
    stream.start();
    sockets[0]!.open();
    sockets[0]!.drop(STREAM_CLOSE_CODES.tooSlow);
    expect(stream.connection$.value).toBe('connecting');
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(2);
  });

  it('after being replaced, waits for Sync now, the browser coming online or the long wait', () => {
    stream.start();
    sockets[0]!.open();
    sockets[0]!.drop(STREAM_CLOSE_CODES.replaced);
    expect(stream.connection$.value).toBe('paused');
    vi.advanceTimersByTime(599_999);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);

    sockets[1]!.open();
    sockets[1]!.drop(STREAM_CLOSE_CODES.replaced);
    stream.reconnectNow();
    expect(sockets).toHaveLength(3);
    expect(stream.connection$.value).toBe('connecting');

    sockets[2]!.open();
    sockets[2]!.drop(STREAM_CLOSE_CODES.replaced);
    events.dispatchEvent(new Event('online'));
    expect(sockets).toHaveLength(4);
    sockets[3]!.open();
    expect(stream.connection$.value).toBe('connected');
    // The long wait of an earlier pause does not open a second socket later.
    vi.advanceTimersByTime(600_000);
    expect(sockets).toHaveLength(4);
  });
});
