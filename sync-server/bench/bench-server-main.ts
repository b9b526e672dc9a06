import { loadConfig } from '../src/config.js';
import { buildApp, DEFAULT_RATE_LIMITS } from '../src/app.js';
import { createPool } from '../src/db/pool.js';
import { Keyring } from '../src/crypto/keyring.js';
import { NotifyHub } from '../src/notify.js';
import { RollupWorker } from '../src/worker/rollup-worker.js';
import { createLogStream } from '../src/log-stream.js';

/**
 * The server as `server.ts` runs it (same app, pool size, in-process worker, info-level request
 * logs), with two differences the benchmark needs: rate limits are off unless
 * BENCH_RATE_LIMITS=default (one load generator on 127.0.0.1 would otherwise be capped at 1,200
 * requests a minute, by design), and the rollup
 * worker can be left out (BENCH_WORKERS=0) to measure ingest alone, or doubled (BENCH_WORKERS=2). The database is migrated by
 * the benchmark before this starts. Prints `listening <port>` once ready.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.databaseUrl || !config.masterKey) throw new Error('DATABASE_URL and key required');
  const pool = createPool(config.databaseUrl, { max: 10 });
  const keyring = new Keyring(config.masterKey);
  const hub = new NotifyHub(pool);
  await hub.start();
  // Logging as server.ts does it: info level, asynchronous buffered writes.
  const logger = { stream: createLogStream() };
  // BENCH_RATE_LIMITS=default: the limits a real server runs with (backlog.bench.ts).
  const rateLimits = process.env['BENCH_RATE_LIMITS'] === 'default' ? DEFAULT_RATE_LIMITS : false;
  const app = await buildApp({ config, pool, keyring, notifyHub: hub, rateLimits, logger });
  const workerCount = Number(process.env['BENCH_WORKERS'] ?? 1);
  const workers = Array.from(
    { length: workerCount },
    () =>
      new RollupWorker({
        pool,
        keyring,
        notifyHub: hub,
        // Counted in /metrics as server.ts does, for the benchmarks that read the job counts.
        onJob: (result, durationMs) => app.metrics.recordRollupJob(result, durationMs),
        onFold: (result, durationMs) => app.metrics.recordFold(result, durationMs),
      }),
  );
  for (const worker of workers) worker.start();
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  process.stdout.write(`listening ${address.port}\n`);
  process.on('SIGTERM', () => {
    void Promise.all([app.close(), ...workers.map((w) => w.stop())])
      .then(() => hub.stop())
      .then(() => pool.end())
      .then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
