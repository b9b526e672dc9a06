import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { EMBEDDED_POOL_MAX } from '../db/embedded.js';
import { createPool, type Pool } from '../db/pool.js';

/**
 * The embedded test database: an in-memory PGlite per test file, served to `pg` over a unix
 * socket in a private temp dir, the same way `npm start` serves its persistent one (see
 * `db/embedded.ts` for what one PGlite backend means). The pool has exactly one connection.
 */
export interface EmbeddedTestDatabase {
  url: string;
  pool: Pool;
  /** Opens a listening connection that hears every NOTIFY committed through `pool`. */
  connectListener(): Promise<pg.Client>;
  /** Closes the socket of every listening connection (each one then ends with an error). */
  dropListeners(): Promise<void>;
  /** Ends the pool and the listeners, stops PGlite and removes the temp dir. */
  stop(): Promise<void>;
}

/** The pool's connection, the listeners (one per NotifyHub) and a few to spare. */
const SOCKET_MAX_CONNECTIONS = 8;

const STOP_POOL_TIMEOUT_MS = 5000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** The socket under a connected `pg` client (not in its public types). */
function connectionStream(client: pg.Client): { destroy(err?: Error): void } {
  return (client as unknown as { connection: { stream: { destroy(err?: Error): void } } })
    .connection.stream;
}

export async function startEmbeddedTestDatabase(
  options: { applicationName?: string } = {},
): Promise<EmbeddedTestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-test-'));
  let db: PGlite | null = null;
  let server: PGLiteSocketServer | null = null;
  try {
    db = await PGlite.create();
    server = new PGLiteSocketServer({
      db,
      path: join(dir, '.s.PGSQL.5432'),
      maxConnections: SOCKET_MAX_CONNECTIONS,
    });
    await server.start();
  } catch (err) {
    await db?.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const pglite = db;
  const socketServer = server;
  const url = `postgresql://postgres@/postgres?host=${encodeURIComponent(dir)}`;
  const pool = createPool(url, {
    max: EMBEDDED_POOL_MAX,
    applicationName: options.applicationName ?? 'hearth-test',
  });
  const listeners = new Set<pg.Client>();
  // PGlite delivers a NOTIFY on the connection whose COMMIT sent it (the pool's), never on the
  // listening one: hand each to every listener, as `forwardNotifications` does for `npm start`
  // (which has one listener; a test file may build several apps, each with its own hub).
  pool.on('connect', (client) => {
    client.on('notification', (msg) => {
      for (const listener of listeners) listener.emit('notification', msg);
    });
  });
  return {
    url,
    pool,
    async connectListener() {
      const client = new pg.Client({ connectionString: url, application_name: 'hearth-listen' });
      await client.connect();
      listeners.add(client);
      client.on('end', () => listeners.delete(client));
      return client;
    },
    async dropListeners() {
      const ended = [...listeners].map(
        (client) => new Promise<void>((resolve) => client.once('end', () => resolve())),
      );
      const error = new Error('listening connection dropped by the test');
      for (const client of listeners) connectionStream(client).destroy(error);
      await Promise.all(ended);
    },
    async stop() {
      // A test that timed out may still hold the one connection: do not wait for it forever.
      await Promise.race([pool.end().catch(() => undefined), sleep(STOP_POOL_TIMEOUT_MS)]);
      await Promise.all([...listeners].map((client) => client.end().catch(() => undefined)));
      await socketServer.stop().catch(() => undefined);
      await pglite.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
