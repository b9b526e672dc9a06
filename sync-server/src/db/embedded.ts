import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Pool } from './pool.js';

/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) persisted under the data dir,
 * served to `pg` over a private unix socket by `@electric-sql/pglite-socket`.
 *
 * What one PGlite backend means for Hearth (measured, see sync-server/README.md):
 * - It runs one statement at a time and has ONE session. The socket server lets a connection in
 *   an explicit transaction finish before any other connection runs, but it can interleave the
 *   messages of two connections' extended-protocol queries outside a transaction. So the pool
 *   has exactly one connection (`EMBEDDED_POOL_MAX`).
 * - `FOR UPDATE SKIP LOCKED` and advisory locks work, trivially: transactions never overlap and
 *   every connection shares the one session (session advisory locks are re-entrant across them).
 *   That is enough for one process; other processes cannot reach this database at all.
 * - LISTEN/NOTIFY works but a notification is delivered on the connection whose COMMIT sent it,
 *   not on the listening one. `forwardNotifications` hands those to the NotifyHub's connection.
 */
export const EMBEDDED_POOL_MAX = 1;

/** Pool connection + the NotifyHub's listening connection + a few to spare (psql, benchmarks). */
const SOCKET_MAX_CONNECTIONS = 8;
const MASTER_KEY_FILE = 'master.key';
const DATABASE_DIR = 'pglite';
const PID_FILE = 'hearth.pid';
/** sockaddr_un paths are limited to about 104–108 bytes depending on the platform. */
const MAX_SOCKET_PATH = 100;

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface EmbeddedDatabase {
  /** A `pg` connection string for the unix socket. */
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Data dirs opened by this process (the pid file cannot tell "us" from "us, before a crash"). */
const openDataDirs = new Set<string>();

/** Refuses a second PGlite on the same data dir, in any process: two would corrupt it. */
function claimDataDir(dataDir: string): () => void {
  const inUse = () => new Error(`Another Hearth instance is using the data dir ${dataDir}`);
  if (openDataDirs.has(dataDir)) throw inUse();
  const pidPath = join(dataDir, PID_FILE);
  if (existsSync(pidPath)) {
    const pid = Number(readFileSync(pidPath, 'utf8').trim());
    // Our own pid in the file is a leftover: a restarted container is pid 1 again.
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processIsAlive(pid)) {
      throw inUse();
    }
  }
  writeFileSync(pidPath, `${process.pid}\n`, { mode: 0o600 });
  openDataDirs.add(dataDir);
  return () => {
    openDataDirs.delete(dataDir);
    rmSync(pidPath, { force: true });
  };
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else; still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A private directory for the socket: inside the data dir when the path is short enough. */
function socketDirectory(dataDir: string): { dir: string; temporary: boolean } {
  const inDataDir = join(dataDir, 'run');
  if (`${inDataDir}/.s.PGSQL.5432`.length <= MAX_SOCKET_PATH) {
    mkdirSync(inDataDir, { recursive: true, mode: 0o700 });
    return { dir: inDataDir, temporary: false };
  }
  return { dir: mkdtempSync(join(tmpdir(), 'hearth-')), temporary: true };
}

/**
 * Starts PGlite under `dataDir/pglite` and serves it on a unix socket in a 0700 directory (a
 * loopback TCP port would let any local user in: PGlite has no authentication).
 */
export async function startEmbeddedDatabase(options: {
  dataDir: string;
  log: Log;
}): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const releaseDir = claimDataDir(dataDir);
  const started = performance.now();
  let db: PGlite | null = null;
  try {
    db = await PGlite.create({ dataDir: join(dataDir, DATABASE_DIR) });
    const socket = socketDirectory(dataDir);
    // pg looks for `<host>/.s.PGSQL.<port>`; a stale file from a crash would make listen fail.
    const socketPath = join(socket.dir, '.s.PGSQL.5432');
    rmSync(socketPath, { force: true });
    const server = new PGLiteSocketServer({
      db,
      path: socketPath,
      maxConnections: SOCKET_MAX_CONNECTIONS,
    });
    await server.start();
    options.log.info(
      { dataDir, ms: Math.round(performance.now() - started) },
      'embedded PostgreSQL (PGlite) started',
    );
    const pglite = db;
    return {
      url: `postgresql://postgres@/postgres?host=${encodeURIComponent(socket.dir)}`,
      dataDir,
      async stop() {
        await server.stop();
        await pglite.close();
        if (socket.temporary) rmSync(socket.dir, { recursive: true, force: true });
        releaseDir();
      },
    };
  } catch (err) {
    await db?.close().catch(() => undefined);
    releaseDir();
    throw err;
  }
}

/**
 * The master key for embedded mode: read from `dataDir/master.key`, or generated there on the
 * first start (32 random bytes as 64 hex characters, mode 0600) with a warning. Refuses to
 * generate one next to an existing database: a new key could not read anything already stored.
 */
export function loadOrCreateMasterKey(dataDirOption: string, log: Log): Buffer {
  const dataDir = resolve(dataDirOption);
  const keyPath = join(dataDir, MASTER_KEY_FILE);
  if (existsSync(keyPath)) {
    const hex = readFileSync(keyPath, 'utf8').trim();
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
      throw new Error(`${keyPath} must hold 64 hex characters (32 bytes)`);
    }
    return Buffer.from(hex, 'hex');
  }
  if (existsSync(join(dataDir, DATABASE_DIR))) {
    throw new Error(
      `The embedded database in ${dataDir} exists but ${MASTER_KEY_FILE} is missing: ` +
        'restore the key file or set HEARTH_MASTER_KEY (a new key could not read your data)',
    );
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(keyPath, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  log.warn(
    { keyPath },
    'Generated a new master key. Back this file up: without it nothing stored can be read. ' +
      'To manage the key yourself, set HEARTH_MASTER_KEY (64 hex characters) instead.',
  );
  return key;
}

/**
 * A NotifyHub `connect` for the embedded database. PGlite delivers a NOTIFY on the connection
 * that committed it (the pool's), never on the listening one, so every notification a pool
 * client receives is re-emitted on the hub's client, which then dispatches it as usual.
 * Must be called before the pool opens its first connection.
 */
export function forwardNotifications(pool: Pool, url: string): () => Promise<pg.Client> {
  let listener: pg.Client | null = null;
  pool.on('connect', (client) => {
    client.on('notification', (msg) => listener?.emit('notification', msg));
  });
  return async () => {
    const client = new pg.Client({ connectionString: url, application_name: 'hearth-listen' });
    await client.connect();
    listener = client;
    client.on('end', () => {
      if (listener === client) listener = null;
    });
    return client;
  };
}
