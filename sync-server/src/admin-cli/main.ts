import pino from 'pino';
import { loadConfig } from '../config.js';
import { createPool, type Pool } from '../db/pool.js';
import { migrate } from '../db/migrate.js';
import { EMBEDDED_POOL_MAX, startEmbeddedDatabase } from '../db/embedded.js';
import { runAdminCommand } from './admin-commands.js';

/**
 * `npm run admin -- grant|revoke <email>`, `npm run admin -- list`: on the configured PostgreSQL
 * (DATABASE_URL), or on the embedded database of HEARTH_DATA_DIR while the server is stopped
 * (it holds that data dir while it runs). The only place that reads the process's arguments.
 */
async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const log = pino({ level: 'warn' });
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedDatabase({ dataDir: config.dataDir, log });
  const url = config.databaseUrl ?? embedded?.url;
  if (!url) throw new Error('No database');
  const pool: Pool = createPool(url, { max: embedded ? EMBEDDED_POOL_MAX : 2 });
  try {
    await migrate(pool);
    return await runAdminCommand(pool, process.argv.slice(2), {
      out: (line) => console.log(line),
      err: (line) => console.error(line),
    });
  } finally {
    await pool.end();
    await embedded?.stop();
  }
}

process.exitCode = await main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  return 1;
});
