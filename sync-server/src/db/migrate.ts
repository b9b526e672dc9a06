import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Pool } from './pool.js';

/** Any constant works; it only has to be the same for every Hearth process. */
const MIGRATION_LOCK_ID = 4_872_301_775;
const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;

/**
 * The .sql files live in `src/db/migrations`. The build does not copy them: from `dist/db/` we
 * read them back in `src/`, so both `tsx src/...` and `node dist/...` find the same files.
 */
export function migrationsDir(): string {
  const candidates = [
    new URL('./migrations/', import.meta.url),
    new URL('../../src/db/migrations/', import.meta.url),
  ].map((u) => fileURLToPath(u));
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new Error(`No migrations directory (looked in ${candidates.join(', ')})`);
  return found;
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir = migrationsDir()): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort();
  const migrations = files.map((file) => ({
    version: Number(file.slice(0, 3)),
    name: file.replace(/\.sql$/, ''),
    sql: readFileSync(`${dir}/${file}`, 'utf8'),
  }));
  const versions = new Set(migrations.map((m) => m.version));
  if (versions.size !== migrations.length) throw new Error('Two migrations share a number');
  return migrations;
}

/**
 * Applies every migration not applied yet, in order, each in its own transaction. A session
 * advisory lock makes concurrent starts (several instances, several workers) wait for each other
 * instead of racing. Returns the names applied by this call.
 */
export async function migrate(pool: Pool, dir?: string): Promise<string[]> {
  const migrations = readMigrations(dir);
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const doneVersions = new Set(done.rows.map((r) => r.version));
    for (const m of migrations) {
      if (doneVersions.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          m.version,
          m.name,
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(m.name);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    client.release();
  }
  return applied;
}
