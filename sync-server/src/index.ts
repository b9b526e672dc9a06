// @hearth/sync-server: what a process entry point (server, worker, benchmarks, e2e) needs.
export { loadConfig, type AppConfig } from './config.js';
export { buildApp, DEFAULT_RATE_LIMITS, type BuildAppOptions, type RateLimits } from './app.js';
export { AppError } from './errors.js';
export {
  createPool,
  withTransaction,
  type Pool,
  type PoolClient,
  type Queryable,
} from './db/pool.js';
export { migrate } from './db/migrate.js';
export { allocatePositions, lockUserWrites } from './db/positions.js';
export { Keyring } from './crypto/keyring.js';
export { parseMasterKey } from './crypto/envelope.js';
export { NotifyHub, publishChange, type ChangeEvent } from './notify.js';
export { RollupWorker, type RollupWorkerOptions } from './worker/rollup-worker.js';
export { rollupQueueStats, type QueueStats } from './rollups/rollup-queue.repository.js';
