import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { createPool, type Pool } from '../db/pool.js';
import { migrate } from '../db/migrate.js';
import { loadConfig, type AppConfig } from '../config.js';
import { buildApp, type BuildAppOptions } from '../app.js';
import { Keyring } from '../crypto/keyring.js';
import { NotifyHub, type NotifyHubOptions } from '../notify.js';
import { startEmbeddedTestDatabase } from './embedded-test-db.js';

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 5432;
const DEFAULT_URL = `postgres://postgres@${DEFAULT_HOST}:${DEFAULT_PORT}/postgres`;
const PROBE_TIMEOUT_MS = 1000;

/** A fixed master key for tests only (32 bytes of 0x42). */
export const TEST_MASTER_KEY = Buffer.alloc(32, 0x42);

/**
 * Where the test databases live: a PostgreSQL server (`TEST_DATABASE_URL`, else 127.0.0.1:5432),
 * or, on a machine with neither, an in-memory PGlite per test file ("embedded": one connection,
 * so tests that need several connections skip themselves there).
 */
export type TestDatabaseBackend = 'server' | 'embedded';

export type BackendChoice = { backend: 'server'; url: string } | { backend: 'embedded' };

/** The environment variables that choose the backend. */
export interface BackendEnv {
  /** A server to use; set, it is always used (a failing one is an error, never a fallback). */
  TEST_DATABASE_URL?: string | undefined;
  /** `embedded` forces the embedded database, `server` forbids it; unset or `auto`: probe. */
  HEARTH_TEST_DB?: string | undefined;
  /** `1`: a PostgreSQL server is required (CI); never fall back to the embedded database. */
  HEARTH_REQUIRE_PG?: string | undefined;
}

/**
 * The backend for `env`: `probe()` says whether the default server answers, and is asked only
 * when nothing in `env` settles it. Throws when a server is required and none is there.
 */
export async function chooseTestDatabaseBackend(
  env: BackendEnv,
  probe: () => Promise<boolean>,
): Promise<BackendChoice> {
  const mode = env.HEARTH_TEST_DB || 'auto';
  const requirePg = env.HEARTH_REQUIRE_PG === '1';
  if (mode !== 'auto' && mode !== 'server' && mode !== 'embedded') {
    throw new Error(
      `HEARTH_TEST_DB must be auto, server or embedded (got ${JSON.stringify(mode)})`,
    );
  }
  if (mode === 'embedded') {
    if (requirePg) {
      throw new Error(
        'HEARTH_TEST_DB=embedded contradicts HEARTH_REQUIRE_PG=1: the tests must run on PostgreSQL here',
      );
    }
    return { backend: 'embedded' };
  }
  if (env.TEST_DATABASE_URL) return { backend: 'server', url: env.TEST_DATABASE_URL };
  if (await probe()) return { backend: 'server', url: DEFAULT_URL };
  if (requirePg || mode === 'server') {
    const why = requirePg ? 'HEARTH_REQUIRE_PG=1' : 'HEARTH_TEST_DB=server';
    throw new Error(
      `PostgreSQL is required here (${why}) but nothing answers at ${DEFAULT_HOST}:${DEFAULT_PORT}: ` +
        'start it, or set TEST_DATABASE_URL',
    );
  }
  return { backend: 'embedded' };
}

/** Whether something accepts TCP connections at host:port within `timeoutMs`. */
export function probeTcp(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

let choice: Promise<BackendChoice> | null = null;

/** The backend, chosen once per test file (each file runs in its own module graph). */
function backendChoice(): Promise<BackendChoice> {
  // Tests are the one place allowed to read the environment directly: they have no config.
  choice ??= chooseTestDatabaseBackend(
    {
      TEST_DATABASE_URL: process.env['TEST_DATABASE_URL'],
      HEARTH_TEST_DB: process.env['HEARTH_TEST_DB'],
      HEARTH_REQUIRE_PG: process.env['HEARTH_REQUIRE_PG'],
    },
    () => probeTcp(DEFAULT_HOST, DEFAULT_PORT, PROBE_TIMEOUT_MS),
  );
  return choice;
}

/** Which backend this test file's databases use (for `describe.skipIf`). */
export async function testDatabaseBackend(): Promise<TestDatabaseBackend> {
  return (await backendChoice()).backend;
}

/**
 * `true` when this file runs on the embedded database, after saying once, plainly, which of its
 * tests are skipped there and why. In a test file:
 *   const embedded = await skipOnEmbedded(import.meta.url, { 'test name': 'why' });
 *   it.skipIf(embedded)('test name', ...);
 */
export async function skipOnEmbedded(
  file: string,
  tests: Readonly<Record<string, string>>,
): Promise<boolean> {
  const embedded = (await testDatabaseBackend()) === 'embedded';
  if (embedded) {
    const name = file.slice(file.lastIndexOf('/src/') + 1);
    const lines = Object.entries(tests).map(([test, why]) => `\n  - ${test} (${why})`);
    console.warn(
      `${name}: skipped on the embedded database: needs several connections:${lines.join('')}`,
    );
  }
  return embedded;
}

export interface TestDatabase {
  /** `server`: a fresh database on PostgreSQL; `embedded`: a PGlite of its own. */
  backend: TestDatabaseBackend;
  url: string;
  pool: Pool;
  /** A NotifyHub (not started) that hears what is committed through `pool`, on either backend. */
  createNotifyHub(options?: Omit<NotifyHubOptions, 'connect'>): NotifyHub;
  /**
   * Cuts every NotifyHub's listening connection, as a database restart would: terminates their
   * backends on a server; closes their sockets on the embedded database (PGlite has one backend
   * for every connection, which cannot be terminated alone).
   */
  dropListenConnections(): Promise<void>;
  /** Ends the pool and drops the database (terminating stray connections), or stops PGlite. */
  drop(): Promise<void>;
}

/** How to open a listening connection for pools whose notifications need forwarding. */
const listenerFactories = new WeakMap<Pool, () => Promise<pg.Client>>();

/**
 * A NotifyHub (not started) for a test database's pool: on the embedded database its listening
 * connection is fed the notifications PGlite delivers to the pool's connection.
 */
export function testNotifyHub(
  pool: Pool,
  options: Omit<NotifyHubOptions, 'connect'> = {},
): NotifyHub {
  const connect = listenerFactories.get(pool);
  return new NotifyHub(pool, connect ? { ...options, connect } : options);
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabaseOptions {
  poolMax?: number;
  requireServer?: boolean;
}

/**
 * A fresh, migrated database for one test file. On the embedded database the pool has one
 * connection whatever `poolMax` says. `requireServer` (benchmarks) refuses the embedded database.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const chosen = await backendChoice();
  if (chosen.backend === 'embedded') {
    if (options.requireServer) {
      throw new Error(
        'This needs a PostgreSQL server (TEST_DATABASE_URL, or one at 127.0.0.1:5432); ' +
          'it cannot run on the embedded database',
      );
    }
    return createEmbeddedTestDatabase();
  }
  return createServerTestDatabase(chosen.url, options.poolMax ?? 8);
}

async function createServerTestDatabase(adminUrl: string, poolMax: number): Promise<TestDatabase> {
  const name = `hearth_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = withDatabase(adminUrl, name);
  const pool = createPool(url, { max: poolMax, applicationName: 'hearth-test' });
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end();
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw err;
  }
  return {
    backend: 'server',
    url,
    pool,
    createNotifyHub: (hubOptions) => testNotifyHub(pool, hubOptions),
    async dropListenConnections() {
      await pool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'hearth-listen'`,
      );
    },
    async drop() {
      await pool.end().catch(() => undefined);
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function createEmbeddedTestDatabase(): Promise<TestDatabase> {
  const embedded = await startEmbeddedTestDatabase();
  const { pool, url } = embedded;
  listenerFactories.set(pool, () => embedded.connectListener());
  try {
    await migrate(pool);
  } catch (err) {
    await embedded.stop();
    throw err;
  }
  return {
    backend: 'embedded',
    url,
    pool,
    createNotifyHub: (hubOptions) => testNotifyHub(pool, hubOptions),
    dropListenConnections: () => embedded.dropListeners(),
    drop: () => embedded.stop(),
  };
}

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    HEARTH_MASTER_KEY: TEST_MASTER_KEY.toString('hex'),
    BASE_URL: 'http://localhost:3000',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

export type TestAppOptions = Partial<Omit<BuildAppOptions, 'pool'>>;

/**
 * The app on a test database: no logs, no rate limits unless asked, test master key. On the
 * embedded database its NotifyHub (unless given) is one that hears the pool's notifications.
 */
export async function buildTestApp(
  pool: Pool,
  options: TestAppOptions = {},
): Promise<FastifyInstance> {
  const ownHub = !options.notifyHub && listenerFactories.has(pool) ? testNotifyHub(pool) : null;
  const app = await buildApp({
    config: options.config ?? testConfig(),
    pool,
    keyring: options.keyring ?? new Keyring(TEST_MASTER_KEY),
    logger: false,
    rateLimits: false,
    ...options,
    ...(ownHub ? { notifyHub: ownHub } : {}),
  });
  if (ownHub) {
    // What buildApp does for the hub it builds itself.
    app.addHook('onReady', () => ownHub.start());
    app.addHook('onClose', () => ownHub.stop());
  }
  await app.ready();
  return app;
}
