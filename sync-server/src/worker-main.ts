import pino, { type Logger } from 'pino';
import { loadConfig } from './config.js';
import { createPool } from './db/pool.js';
import { migrate } from './db/migrate.js';
import { Keyring } from './crypto/keyring.js';
import { NotifyHub } from './notify.js';
import { RollupWorker } from './worker/rollup-worker.js';
import { sealLegacyMetadataAtStartup } from './security/legacy-metadata-startup.js';

const SHUTDOWN_TIMEOUT_MS = 8000;
/** Job loops per process: as in server.ts, a second loop fills the first one's database waits. */
const WORKER_LOOPS = 2;
/**
 * One job transaction per loop, one for deferring a failed user's work, one held by the start-up
 * sweep of legacy metadata (security/legacy-metadata-startup.ts) while it runs.
 */
const WORKER_POOL_MAX = WORKER_LOOPS + 2;

/**
 * `npm run worker`: the rollup worker alone, against the same PostgreSQL as the API servers. Run
 * any number: claims never overlap (SKIP LOCKED + a per-user advisory lock), and each wakes on
 * the NOTIFY its writers send at COMMIT (and polls every second in case one is missed).
 *
 * The embedded database lives inside the server process, so this needs DATABASE_URL.
 */
async function runWorker(log: Logger): Promise<() => Promise<void>> {
  const config = loadConfig(process.env);
  log.level = config.logLevel;
  if (!config.databaseUrl) {
    throw new Error(
      'DATABASE_URL is required: the embedded database runs inside `npm start` with its own worker',
    );
  }
  if (!config.masterKey) throw new Error('HEARTH_MASTER_KEY is required');
  const pool = createPool(config.databaseUrl, {
    max: WORKER_POOL_MAX,
    applicationName: 'hearth-worker',
  });
  await migrate(pool);
  const hub = new NotifyHub(pool, { log });
  await hub.start();
  const keyring = new Keyring(config.masterKey, { previousMasterKeys: config.previousMasterKeys });
  const workers = Array.from(
    { length: WORKER_LOOPS },
    () => new RollupWorker({ pool, keyring, notifyHub: hub, log }),
  );
  for (const worker of workers) worker.start();
  log.info({ loops: WORKER_LOOPS }, 'rollup worker running');
  const sealing = sealLegacyMetadataAtStartup(pool, keyring, log);
  return async () => {
    await Promise.all([sealing, ...workers.map((worker) => worker.stop())]);
    await hub.stop();
    await pool.end();
  };
}

async function main(): Promise<void> {
  const log = pino({ name: 'hearth-worker' });
  let stop: () => Promise<void>;
  try {
    stop = await runWorker(log);
  } catch (err) {
    log.fatal({ err }, 'rollup worker failed to start');
    process.exit(1);
  }
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'stopping after the job in progress');
    setTimeout(() => {
      log.error('shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

void main();
