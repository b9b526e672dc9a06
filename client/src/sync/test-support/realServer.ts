import { spawn, type ChildProcess } from 'node:child_process';
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import WebSocket from 'ws';
import type { SocketLike } from '../stream.js';

/**
 * The BUILT sync server (`node sync-server/dist/server.js`) in a child process, on a free loopback
 * port and a fresh database, for client tests that must meet the real thing. The client never
 * imports the server package: it talks to it over HTTP and WebSocket only.
 */
const SERVER_ENTRY = fileURLToPath(
  new URL('../../../../sync-server/dist/server.js', import.meta.url),
);
const SERVER_SOURCES = fileURLToPath(new URL('../../../../sync-server/src', import.meta.url));
const ADMIN_DATABASE_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const OUTPUT_KEPT = 4000;
const SESSION_COOKIE = 'hearth_session';
/** Node's own fetch, captured before `installPageFetch` replaces the global. */
const nodeFetch = globalThis.fetch;

type Storage =
  | { kind: 'postgres'; databaseUrl: string; drop: () => Promise<void> }
  | { kind: 'embedded'; dataDir: string; drop: () => Promise<void> };

function randomHex(bytes: number): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(values, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function adminClient(): Promise<pg.Client | null> {
  const client = new pg.Client({
    connectionString: ADMIN_DATABASE_URL,
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    return client;
  } catch {
    // No PostgreSQL here: the server's embedded database will do.
    await client.end().catch(() => undefined);
    return null;
  }
}

/** A fresh PostgreSQL database when one is reachable, else a temporary embedded data dir. */
async function createStorage(): Promise<Storage> {
  const admin = await adminClient();
  if (!admin) {
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-client-'));
    const drop = async () => rmSync(dataDir, { recursive: true, force: true });
    return { kind: 'embedded', dataDir, drop };
  }
  const name = `hearth_client_${Date.now().toString(36)}_${randomHex(4)}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  const drop = async () => {
    const client = await adminClient();
    if (!client) return;
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  };
  return { kind: 'postgres', databaseUrl: url.toString(), drop };
}

function newestModification(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Fails without a build; warns when the sources changed since, which the run would not see. */
function checkBuild(): void {
  if (!existsSync(SERVER_ENTRY)) {
    throw new Error(
      `${SERVER_ENTRY} is missing: build the server first (\`npm run build\` at the repository root)`,
    );
  }
  if (newestModification(SERVER_SOURCES) > statSync(SERVER_ENTRY).mtimeMs) {
    console.warn(
      'sync-server/src changed after sync-server/dist was built: testing the older build',
    );
  }
}

/** A port free on loopback right now, for a server a test starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export class RealServer {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private output = '';
  private readonly masterKey = randomHex(32);

  private constructor(
    readonly port: number,
    private readonly storage: Storage,
  ) {}

  /** Where a browser would have loaded the app from: the page origin of every client request. */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RealServer> {
    checkBuild();
    const server = new RealServer(await freePort(), await createStorage());
    try {
      await server.launch();
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /**
   * Stops the process gracefully (it closes its sockets), runs `whileDown`, then starts it again
   * on the same port and data.
   */
  async restart(whileDown: () => Promise<void> = async () => undefined): Promise<void> {
    await this.terminate();
    await whileDown();
    await this.launch();
  }

  /** Stops the process and drops its database. */
  async stop(): Promise<void> {
    await this.terminate();
    await this.storage.drop();
  }

  private environment(): Record<string, string> {
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? tmpdir(),
      PORT: String(this.port),
      HOST: '127.0.0.1',
      BASE_URL: this.origin,
      HEARTH_MASTER_KEY: this.masterKey,
      LOG_LEVEL: 'warn',
    };
    if (this.storage.kind === 'postgres') env['DATABASE_URL'] = this.storage.databaseUrl;
    else env['HEARTH_DATA_DIR'] = this.storage.dataDir;
    return env;
  }

  private async launch(): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, [SERVER_ENTRY], {
      env: this.environment(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    // Should the test process end without its teardown, the server must not outlive it.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-OUTPUT_KEPT);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    let hasExited = false;
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        hasExited = true;
        process.off('exit', killOnExit);
        resolve();
      }),
    );
    await this.waitUntilHealthy(() => hasExited);
  }

  private async waitUntilHealthy(hasExited: () => boolean): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (hasExited()) throw new Error(`the server exited while starting:\n${this.output}`);
      const healthy = await nodeFetch(`${this.origin}/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (healthy) return;
      // Nothing announces readiness at LOG_LEVEL=warn; /health is the signal to poll.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the server was not healthy within ${START_TIMEOUT_MS} ms:\n${this.output}`);
  }

  private async terminate(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode === null && child.signalCode === null) {
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      child.kill('SIGTERM');
      await this.exited;
      clearTimeout(killer);
    }
  }
}

const currentPage = new AsyncLocalStorage<BrowserPage>();

/**
 * What one browser gives the app: the page's origin (relative URLs), a cookie jar (the session
 * cookie) and a network that can go offline (failing requests, `online`/`offline` events).
 * Code run through `run` sees this page's `fetch`, so two replicas in one process act as two
 * browsers signed in separately.
 */
export class BrowserPage {
  private cookie: string | null = null;
  private online = true;
  private readonly sockets = new Set<WebSocket>();
  /** Where the page's `online`/`offline` events come from (the stream listens here). */
  readonly events = new EventTarget();

  constructor(readonly origin: string) {}

  get isOnline(): boolean {
    return this.online;
  }

  setOnline(online: boolean): void {
    this.online = online;
    this.events.dispatchEvent(new Event(online ? 'online' : 'offline'));
  }

  run<T>(fn: () => T): T {
    return currentPage.run(this, fn);
  }

  async fetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
    // What a browser's fetch does with no network.
    if (!this.online) throw new TypeError('fetch failed');
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    const response = await nodeFetch(new URL(input, this.origin), { ...init, headers });
    this.keepSessionCookie(response);
    return response;
  }

  /** A WebSocket to this page's server carrying the session cookie, as a browser's would. */
  openSocket(url: string): SocketLike {
    const socket = new WebSocket(url, { headers: this.cookie ? { cookie: this.cookie } : {} });
    // The stream detaches its handlers before closing a socket that is still connecting; `ws`
    // then emits an 'error' that would throw with no listener (a browser's socket never does).
    socket.on('error', () => undefined);
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    // `ws` implements the browser's on* handler properties (text frames arrive as strings).
    return socket as unknown as SocketLike;
  }

  /**
   * A network blip: every open socket of the page breaks at once (no closing handshake), while
   * requests still go through, so the stream has to notice and reconnect by itself.
   */
  dropSockets(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  private keepSessionCookie(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const equals = pair.indexOf('=');
      if (equals < 0 || pair.slice(0, equals).trim() !== SESSION_COOKIE) continue;
      const value = pair.slice(equals + 1).trim();
      // An emptied cookie is how the server ends the session (logout).
      this.cookie = value === '' ? null : `${SESSION_COOKIE}=${value}`;
    }
  }
}

/**
 * Routes the global `fetch` (which the client's HTTP code calls with relative URLs) to the page
 * whose code is running. Returns the function that restores Node's own fetch.
 */
export function installPageFetch(): () => void {
  globalThis.fetch = (input, init) => {
    const page = currentPage.getStore();
    if (!page) return nodeFetch(input, init);
    if (input instanceof Request) throw new Error('the client sends URLs, not Request objects');
    return page.fetch(input, init);
  };
  return () => {
    globalThis.fetch = nodeFetch;
  };
}
