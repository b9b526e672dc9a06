import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { createPool, type Pool } from '../db/pool.js';
import { migrate } from '../db/migrate.js';
import { loadConfig, type AppConfig } from '../config.js';
import { buildApp, type BuildAppOptions } from '../app.js';
import { Keyring } from '../crypto/keyring.js';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fixed master key for tests only (32 bytes of 0x42). */
export const TEST_MASTER_KEY = Buffer.alloc(32, 0x42);

export interface TestDatabase {
  url: string;
  pool: Pool;
  /** Ends the pool and drops the database (terminating stray connections). */
  drop(): Promise<void>;
}

function adminUrl(): string {
  // Tests are the one place allowed to read the environment directly: they have no config.
  return process.env['TEST_DATABASE_URL'] ?? DEFAULT_URL;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database for one test file. */
export async function createTestDatabase(
  options: { poolMax?: number } = {},
): Promise<TestDatabase> {
  const name = `hearth_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = withDatabase(adminUrl(), name);
  const pool = createPool(url, { max: options.poolMax ?? 8, applicationName: 'hearth-test' });
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw err;
  }
  return {
    url,
    pool,
    async drop() {
      await pool.end().catch(() => undefined);
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
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

/** The app on a test database: no logs, no rate limits unless asked, test master key. */
export async function buildTestApp(
  pool: Pool,
  options: Partial<Omit<BuildAppOptions, 'pool'>> = {},
): Promise<FastifyInstance> {
  const app = await buildApp({
    config: options.config ?? testConfig(),
    pool,
    keyring: options.keyring ?? new Keyring(TEST_MASTER_KEY),
    logger: false,
    rateLimits: false,
    ...options,
  });
  await app.ready();
  return app;
}
