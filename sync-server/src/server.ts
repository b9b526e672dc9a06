import pino, { type Logger } from 'pino';
import { createLogStream } from './log-stream.js';
import { loadConfig, type AppConfig } from './config.js';
import { buildApp } from './app.js';
import { createPool, type Pool } from './db/pool.js';
import { migrate } from './db/migrate.js';
import {
  EMBEDDED_POOL_MAX,
  forwardNotifications,
  loadOrCreateMasterKey,
  startEmbeddedDatabase,
  type EmbeddedDatabase,
} from './db/embedded.js';
import { Keyring } from './crypto/keyring.js';
import { rotateUserKeys } from './crypto/rotate-user-keys.js';
import { NotifyHub } from './notify.js';
import { RollupWorker } from './worker/rollup-worker.js';
import { sealLegacyMetadataAtStartup } from './security/legacy-metadata-startup.js';

const logStream = createLogStream();

/** Exits once the log lines written so far are out (or after a second, whatever happens). */
function exit(code: number): void {
  const done = () => process.exit(code);
  setTimeout(done, 1000).unref();
  logStream.flush(done);
}

/** Below Docker's default 10 s between SIGTERM and SIGKILL, so we exit on our own terms. */
const SHUTDOWN_TIMEOUT_MS = 8000;
const EXTERNAL_POOL_MAX = 10;
/**
 * Rollup job loops in this process. A job is one transaction for one user, much of it spent
 * waiting on PostgreSQL round trips; a second loop fills those waits and lets a small job (a user
 * who just synced a few samples) run while a large one is in progress instead of queueing behind
 * it. Measured under 32,000 samples/s of sustained ingest: commit → visible p50 32–48 ms and p99
 * 0.19–0.20 s with two loops, p50 125–172 ms and p99 0.24–0.36 s with one (BENCHMARKS.md).
 * Claims never overlap (SKIP LOCKED and a per-user advisory lock). PGlite runs one transaction at
 * a time on its single connection, so the embedded database gets one loop.
 */
const EXTERNAL_WORKER_LOOPS = 2;
const EMBEDDED_WORKER_LOOPS = 1;

interface Database {
  pool: Pool;
  masterKey: Buffer;
  hub: NotifyHub;
  embedded: EmbeddedDatabase | null;
}

/**
 * The configured PostgreSQL, or with no DATABASE_URL the embedded one (and its generated master
 * key). Either way: migrated, with a NotifyHub that really hears the notifications.
 */
async function openDatabase(config: AppConfig, log: Logger): Promise<Database> {
  if (config.databaseUrl) {
    if (!config.masterKey) throw new Error('HEARTH_MASTER_KEY is required with DATABASE_URL');
    const pool = createPool(config.databaseUrl, { max: EXTERNAL_POOL_MAX });
    await migrate(pool);
    return { pool, masterKey: config.masterKey, hub: new NotifyHub(pool, { log }), embedded: null };
  }
  const masterKey = config.masterKey ?? loadOrCreateMasterKey(config.dataDir, log);
  const embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, log });
  try {
    const pool = createPool(embedded.url, { max: EMBEDDED_POOL_MAX });
    const connect = forwardNotifications(pool, embedded.url);
    await migrate(pool);
    return { pool, masterKey, hub: new NotifyHub(pool, { log, connect }), embedded };
  } catch (err) {
    await embedded.stop();
    throw err;
  }
}

interface RunningServer {
  /** Graceful: stop accepting, finish in-flight requests and the job in progress, close all. */
  stop(): Promise<void>;
}

/** Brings Hearth up: database, app, in-process rollup workers, listening socket. */
async function startServer(config: AppConfig, log: Logger): Promise<RunningServer> {
  const db = await openDatabase(config, log);
  const keyring = new Keyring(db.masterKey, { previousMasterKeys: config.previousMasterKeys });
  await db.hub.start();
  const app = await buildApp({
    config,
    pool: db.pool,
    keyring,
    notifyHub: db.hub,
    logger: { stream: logStream },
  });
  const loops = db.embedded ? EMBEDDED_WORKER_LOOPS : EXTERNAL_WORKER_LOOPS;
  const workers = Array.from(
    { length: loops },
    () =>
      new RollupWorker({
        pool: db.pool,
        keyring,
        notifyHub: db.hub,
        log: log.child({ component: 'rollup-worker' }),
        onJob: (result, durationMs) => app.metrics.recordRollupJob(result, durationMs),
        onFold: (result, durationMs) => app.metrics.recordFold(result, durationMs),
        onFailure: (report) => app.metrics.recordJobFailure(report),
      }),
  );
  for (const worker of workers) worker.start();
  const stop = async () => {
    // app.close stops accepting, lets in-flight requests finish and closes websockets.
    await Promise.all([app.close(), ...workers.map((worker) => worker.stop())]);
    await db.hub.stop();
    await db.pool.end();
    await db.embedded?.stop();
  };
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
  log.info(
    { database: db.embedded ? 'embedded' : 'external', url: config.baseUrl },
    'Hearth is running',
  );
  if (config.previousMasterKeys.length > 0) sweepPreviousMasterKeys(db.pool, keyring, log);
  void sealLegacyMetadataAtStartup(db.pool, keyring, log);
  return { stop };
}

/**
 * A master-key rotation under way (HEARTH_PREVIOUS_MASTER_KEYS set): rewrap every user key under
 * the new master key in the background, while the server already serves (user keys still open
 * with the old one meanwhile). Interrupted, it simply runs again at the next start.
 */
function sweepPreviousMasterKeys(pool: Pool, keyring: Keyring, log: Logger): void {
  log.info('master key rotation: rewrapping user keys under HEARTH_MASTER_KEY');
  rotateUserKeys(pool, keyring, (progress) => log.info(progress, 'master key rotation: progress'))
    .then((done) => {
      if (!done) {
        log.info('master key rotation: another instance is sweeping');
      } else if (done.unreadable > 0) {
        log.error(done, 'master key rotation: some user keys open with no configured key');
      } else {
        log.info(
          done,
          'master key rotation: done; remove HEARTH_PREVIOUS_MASTER_KEYS once every instance runs with this HEARTH_MASTER_KEY',
        );
      }
    })
    .catch((err: unknown) => log.error({ err }, 'master key rotation: interrupted'));
}

function shutDown(server: RunningServer, log: Logger): void {
  const deadline = setTimeout(() => {
    log.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; exiting');
    exit(1);
  }, SHUTDOWN_TIMEOUT_MS);
  deadline.unref();
  server.stop().then(
    () => {
      log.info('stopped cleanly');
      exit(0);
    },
    (err: unknown) => {
      log.error({ err }, 'error while shutting down');
      exit(1);
    },
  );
}

/**
 * First signal: graceful shutdown with a deadline. A signal during start-up waits for start-up
 * to finish (killing PGlite mid-initdb could leave a broken data dir). Second signal: exit now.
 */
async function main(): Promise<void> {
  let log = pino({ name: 'hearth' }, logStream);
  let server: RunningServer | null = null;
  let stopRequested = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopRequested) {
      log.warn({ signal }, 'second signal: exiting without waiting');
      exit(1);
      return;
    }
    stopRequested = true;
    log.info({ signal }, server ? 'shutting down' : 'will shut down once started');
    if (server) shutDown(server, log);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const config = loadConfig(process.env);
    log = pino({ name: 'hearth', level: config.logLevel }, logStream);
    server = await startServer(config, log);
  } catch (err) {
    log.fatal({ err }, 'Hearth failed to start');
    exit(1);
    return;
  }
  if (stopRequested) shutDown(server, log);
}

void main();
