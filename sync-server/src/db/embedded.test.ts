import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotifyHub, publishChange, type ChangeEvent } from '../notify.js';
import { createPool, withTransaction, type Pool } from './pool.js';
import {
  EMBEDDED_POOL_MAX,
  forwardNotifications,
  loadOrCreateMasterKey,
  startEmbeddedDatabase,
  type EmbeddedDatabase,
} from './embedded.js';

const warnings: string[] = [];
const log = { info: () => undefined, warn: (_: object, msg: string) => void warnings.push(msg) };
const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-embedded-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('loadOrCreateMasterKey', () => {
  it('generates 32 random bytes once, private to the owner, with a warning, then reuses them', () => {
    const dir = freshDir();
    const key = loadOrCreateMasterKey(dir, log);
    expect(key).toHaveLength(32);
    expect(statSync(join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    expect(warnings.some((w) => w.includes('Back this file up'))).toBe(true);
    expect(warnings.join()).not.toContain(key.toString('hex'));
    expect(loadOrCreateMasterKey(dir, log).equals(key)).toBe(true);
    expect(loadOrCreateMasterKey(freshDir(), log).equals(key)).toBe(false);
  });

  it('refuses to generate a key next to an existing database, and rejects a malformed file', () => {
    const dir = freshDir();
    mkdirSync(join(dir, 'pglite'));
    expect(() => loadOrCreateMasterKey(dir, log)).toThrow(/master.key is missing/);
    writeFileSync(join(dir, 'master.key'), 'not hex');
    expect(() => loadOrCreateMasterKey(dir, log)).toThrow(/64 hex characters/);
  });
});

describe('embedded PostgreSQL', () => {
  let embedded: EmbeddedDatabase;
  let pool: Pool;
  let hub: NotifyHub;

  beforeAll(async () => {
    embedded = await startEmbeddedDatabase({ dataDir: freshDir(), log });
    pool = createPool(embedded.url, { max: EMBEDDED_POOL_MAX });
    hub = new NotifyHub(pool, { connect: forwardNotifications(pool, embedded.url) });
    await hub.start();
  });
  afterAll(async () => {
    await hub?.stop();
    await pool?.end();
    await embedded?.stop();
  });

  it('refuses a second instance on the same data dir, in this process or another', async () => {
    await expect(startEmbeddedDatabase({ dataDir: embedded.dataDir, log })).rejects.toThrow(
      /is using the data dir/,
    );
    // A data dir whose pid file names a live process (our parent stands in for it).
    const other = freshDir();
    writeFileSync(join(other, 'hearth.pid'), `${process.ppid}\n`);
    await expect(startEmbeddedDatabase({ dataDir: other, log })).rejects.toThrow(
      /is using the data dir/,
    );
  });

  it('delivers a NOTIFY committed on the pool to the hub, and never a rolled-back one', async () => {
    const heard: ChangeEvent[] = [];
    hub.onChange((event) => heard.push(event));
    await withTransaction(pool, (client) => publishChange(client, 'user-1', ['rollups']));
    await withTransaction(pool, async (client) => {
      await publishChange(client, 'user-2', ['series']);
      throw new Error('roll back');
    }).catch(() => undefined);
    await withTransaction(pool, (client) => publishChange(client, 'user-3', ['insights']));
    await expect.poll(() => heard.length).toBe(2);
    expect(heard.map((e) => e.userId)).toEqual(['user-1', 'user-3']);
  });

  it('supports what the rollup queue needs: SKIP LOCKED and transaction advisory locks', async () => {
    await pool.query('CREATE TABLE work (id int PRIMARY KEY)');
    await pool.query('INSERT INTO work SELECT generate_series(1, 3)');
    const claimed = await withTransaction(pool, async (client) => {
      const lock = await client.query('SELECT pg_try_advisory_xact_lock(48723, 1) AS ok');
      const rows = await client.query(
        'SELECT id FROM work ORDER BY id LIMIT 2 FOR UPDATE SKIP LOCKED',
      );
      return { ok: lock.rows[0].ok, ids: rows.rows.map((r) => r.id) };
    });
    expect(claimed).toEqual({ ok: true, ids: [1, 2] });
  });
});
