import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { seriesId } from '@hearth/core';
import {
  REPLICATION_PROTOCOL_VERSION,
  STREAM_CLOSE_CODES,
  type SeriesDoc,
  type StreamMessage,
} from '@hearth/schema';
import { buildTestApp, type TestDatabase } from '../../test-support/test-db.js';
import { useTestApp } from '../../test-support/fixture.js';
import { registerUser, sessionCookieOf, type TestUser } from '../../test-support/http.js';
import { pullAll, push } from '../replication.test-helpers.js';
import { replicationStreamsOf } from './stream.route.js';
import {
  DEFAULT_MAX_CHANGE_BATCH,
  MAX_STREAMS_PER_SESSION,
  MAX_STREAMS_PER_USER,
} from './stream-registry.js';

let db: TestDatabase;
let app: FastifyInstance;
let baseUrl: string;
let ann: TestUser;
let bob: TestUser;
const sockets: WebSocket[] = [];

useTestApp((fixture) => ({ db, app } = fixture));
beforeAll(async () => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  baseUrl = `ws://127.0.0.1:${address.port}/api/v1/replication/stream`;
  [ann, bob] = await Promise.all([registerUser(app), registerUser(app)]);
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.terminate();
});

/** A connected socket and the messages it received, in order. */
interface Client {
  socket: WebSocket;
  messages: StreamMessage[];
  /** Resolves with the first message (after those already consumed) that matches. */
  next(match: (m: StreamMessage) => boolean, timeoutMs?: number): Promise<StreamMessage>;
  closed: Promise<{ code: number; reason: string }>;
}

function connect(
  cookie: string,
  headers: Record<string, string> = {},
  options: { autoPong?: boolean } = {},
): Promise<Client> {
  const socket = new WebSocket(baseUrl, { headers: { cookie, ...headers }, ...options });
  sockets.push(socket);
  const messages: StreamMessage[] = [];
  let consumed = 0;
  let waiter: (() => void) | null = null;
  socket.on('message', (data: Buffer) => {
    messages.push(JSON.parse(data.toString('utf8')) as StreamMessage);
    waiter?.();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  async function next(match: (m: StreamMessage) => boolean, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (consumed < messages.length) {
        const message = messages[consumed++]!;
        if (match(message)) return message;
      }
      if (Date.now() > deadline)
        throw new Error(`no matching message in ${JSON.stringify(messages)}`);
      await new Promise<void>((resolve) => {
        waiter = resolve;
        setTimeout(resolve, 50);
      });
    }
  }
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, messages, next, closed }));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

async function login(user: TestUser): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: user.email, password: user.password },
  });
  expect(res.statusCode).toBe(200);
  return sessionCookieOf(res);
}

async function manualDevice(user: TestUser): Promise<string> {
  return (await pullAll(app, user.cookie, 'devices')).documents[0]!.id;
}

function series(deviceId: string, hourStart: number, value: number): SeriesDoc {
  return {
    id: seriesId(deviceId, 'STEPS', hourStart),
    deviceId,
    type: 'STEPS',
    hourStart,
    points: [[hourStart, hourStart + 60_000, value]],
    updatedAt: '',
    _deleted: false,
  };
}

const T0 = Date.parse('2026-04-01T00:00:00Z');
const isChange = (collection: string) => (m: StreamMessage) =>
  m.type === 'change' && m.collection === collection;

describe('replication stream', () => {
  it('R13: refuses an upgrade without a session (401) or from another origin (403)', async () => {
    await expect(connect('')).rejects.toThrow('HTTP 401');
    await expect(connect(ann.cookie, { origin: 'https://evil.example' })).rejects.toThrow(
      'HTTP 403',
    );
  });

  it('R7: sends hello and RESYNC on connect, then a change pushed from another session', async () => {
    const client = await connect(ann.cookie);
    expect(client.messages.length === 0 || client.messages[0]!.type === 'hello').toBe(true);
    await client.next((m) => m.type === 'RESYNC');
    expect(client.messages.slice(0, 2)).toEqual([
      { type: 'hello', protocolVersion: REPLICATION_PROTOCOL_VERSION },
      { type: 'RESYNC' },
    ]);

    const otherSession = await login(ann);
    const doc = series(await manualDevice(ann), T0, 42);
    await push(app, otherSession, 'series', [{ assumedMasterState: null, newDocumentState: doc }]);
    const change = await client.next(isChange('series'));
    const pulled = await pullAll(app, ann.cookie, 'series');
    expect(change).toEqual({
      type: 'change',
      collection: 'series',
      documents: [{ ...doc, updatedAt: expect.any(String) }],
      checkpoint: pulled.checkpoint,
    });
  });

  it('R5: never sends another user’s changes', async () => {
    const annClient = await connect(ann.cookie);
    const bobClient = await connect(bob.cookie);
    await Promise.all([annClient, bobClient].map((c) => c.next((m) => m.type === 'RESYNC')));
    const bobDoc = series(await manualDevice(bob), T0, 7);
    await push(app, bob.cookie, 'series', [{ assumedMasterState: null, newDocumentState: bobDoc }]);
    await bobClient.next(isChange('series'));
    const annDoc = series(await manualDevice(ann), T0 + 3_600_000, 8);
    await push(app, ann.cookie, 'series', [{ assumedMasterState: null, newDocumentState: annDoc }]);
    const annChange = await annClient.next(isChange('series'));
    expect(annChange.type === 'change' && annChange.documents).toEqual([
      { ...annDoc, updatedAt: expect.any(String) },
    ]);
    expect(JSON.stringify(annClient.messages)).not.toContain(bobDoc.id);
  });

  it('R12: announces a large batch as RESYNC instead of sending it', async () => {
    const client = await connect(ann.cookie);
    await client.next((m) => m.type === 'RESYNC');
    const deviceId = await manualDevice(ann);
    const docs = Array.from({ length: DEFAULT_MAX_CHANGE_BATCH + 1 }, (_, i) =>
      series(deviceId, T0 + (10 + i) * 3_600_000, i),
    );
    await push(
      app,
      ann.cookie,
      'series',
      docs.map((d) => ({ assumedMasterState: null, newDocumentState: d })),
    );
    await client.next((m) => m.type === 'RESYNC');
    expect(client.messages.filter(isChange('series'))).toEqual([]);
    // The cursor moved to the end: the next small change is sent as a change again.
    const one = series(deviceId, T0 - 3_600_000, 1);
    await push(app, ann.cookie, 'series', [{ assumedMasterState: null, newDocumentState: one }]);
    const change = await client.next(isChange('series'));
    expect(change.type === 'change' && change.documents.map((d) => (d as SeriesDoc).id)).toEqual([
      one.id,
    ]);
  });

  it('R13: closes a user’s sockets on request, and a signed-out session’s at once, through NOTIFY', async () => {
    const registry = replicationStreamsOf(app)!;
    const first = await connect(ann.cookie);
    await first.next((m) => m.type === 'RESYNC');
    expect(registry.closeUser(ann.me.id)).toBeGreaterThanOrEqual(1);
    expect((await first.closed).code).toBe(STREAM_CLOSE_CODES.sessionEnded);

    const session = await login(ann);
    const second = await connect(session);
    const kept = await connect(ann.cookie);
    await Promise.all([second, kept].map((c) => c.next((m) => m.type === 'RESYNC')));
    const logout = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: session },
    });
    expect(logout.statusCode).toBeLessThan(300);
    // No heartbeat here: the logout's NOTIFY alone must end the session's socket.
    expect((await second.closed).code).toBe(STREAM_CLOSE_CODES.sessionEnded);
    expect(kept.socket.readyState).toBe(WebSocket.OPEN);
    await expect(connect(session)).rejects.toThrow('HTTP 401');
  });

  it('R12: delivers a change committed through another server instance (LISTEN/NOTIFY)', async () => {
    const other = await buildTestApp(db.pool);
    try {
      const client = await connect(ann.cookie);
      await client.next((m) => m.type === 'RESYNC');
      const doc = series(await manualDevice(ann), T0 - 5 * 3_600_000, 3);
      await push(other, ann.cookie, 'series', [
        { assumedMasterState: null, newDocumentState: doc },
      ]);
      const change = await client.next(isChange('series'));
      expect(change.type === 'change' && change.documents).toEqual([
        { ...doc, updatedAt: expect.any(String) },
      ]);
    } finally {
      await other.close();
    }
  });

  it('R12: sends RESYNC when the notification connection was lost and came back', async () => {
    const client = await connect(ann.cookie);
    await client.next((m) => m.type === 'RESYNC');
    await db.dropListenConnections();
    // The hub reconnects after its delay (1 s) and tells every socket to start over.
    await client.next((m) => m.type === 'RESYNC', 10_000);
    const doc = series(await manualDevice(ann), T0 - 6 * 3_600_000, 4);
    await push(app, ann.cookie, 'series', [{ assumedMasterState: null, newDocumentState: doc }]);
    await client.next(isChange('series'));
  });

  it('R13: closes the sockets of an erased account', async () => {
    const carl = await registerUser(app);
    const client = await connect(carl.cookie);
    await client.next((m) => m.type === 'RESYNC');
    const erase = await app.inject({
      method: 'DELETE',
      url: '/api/v1/users/me',
      headers: { cookie: carl.cookie },
      payload: { password: carl.password },
    });
    expect(erase.statusCode).toBe(204);
    expect((await client.closed).code).toBe(STREAM_CLOSE_CODES.sessionEnded);
    await vi.waitFor(() => expect(replicationStreamsOf(app)?.count(carl.me.id)).toBe(0));
  });

  it('R13: drops a socket that did not answer the previous ping', async () => {
    const registry = replicationStreamsOf(app)!;
    const silent = await connect(ann.cookie, {}, { autoPong: false });
    const answering = await connect(ann.cookie);
    await Promise.all([silent, answering].map((c) => c.next((m) => m.type === 'RESYNC')));
    await registry.heartbeat();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await registry.heartbeat();
    expect((await silent.closed).code).toBe(1006);
    expect(answering.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('caps the streams of one session: the oldest is closed, replaced', async () => {
    const carol = await registerUser(app);
    const clients: Client[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_SESSION + 1; i++) clients.push(await connect(carol.cookie));
    const oldest = await clients[0]!.closed;
    expect(oldest.code).toBe(STREAM_CLOSE_CODES.replaced);
    expect(oldest.reason).toContain('too many streams');
    expect(replicationStreamsOf(app)?.count(carol.me.id)).toBe(MAX_STREAMS_PER_SESSION);
    // The others stay open and live.
    await clients.at(-1)!.next((m) => m.type === 'RESYNC');
    expect(clients.slice(1).every((c) => c.socket.readyState === WebSocket.OPEN)).toBe(true);
  });

  it('caps the streams of one user across sessions: the oldest are closed', async () => {
    const dave = await registerUser(app);
    const sessions = MAX_STREAMS_PER_USER / MAX_STREAMS_PER_SESSION + 1;
    const clients: Client[] = [];
    for (let s = 0; s < sessions; s++) {
      const cookie = s === 0 ? dave.cookie : await login(dave);
      for (let i = 0; i < MAX_STREAMS_PER_SESSION; i++) clients.push(await connect(cookie));
    }
    const excess = clients.length - MAX_STREAMS_PER_USER;
    const closed = await Promise.all(clients.slice(0, excess).map((c) => c.closed));
    expect(closed.map((c) => c.code)).toEqual(
      Array<number>(excess).fill(STREAM_CLOSE_CODES.replaced),
    );
    expect(replicationStreamsOf(app)?.count(dave.me.id)).toBe(MAX_STREAMS_PER_USER);
  });
});
