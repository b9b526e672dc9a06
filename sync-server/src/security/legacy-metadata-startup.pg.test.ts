import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { skipOnEmbedded, TEST_MASTER_KEY, type TestDatabase } from '../test-support/test-db.js';
import { useTestApp } from '../test-support/fixture.js';
import { registerUser } from '../test-support/http.js';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 60_000;

let db: TestDatabase;
let app: FastifyInstance;
useTestApp((fixture) => ({ db, app } = fixture));

const embedded = await skipOnEmbedded(import.meta.url, {
  'seals a legacy plaintext row when the standalone worker starts':
    'the worker process connects to the database by URL',
});

/** Runs `src/worker-main.ts` (through tsx) until its log says `until`; returns its output. */
function runWorkerUntil(until: RegExp): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--conditions=@hearth/source', '--import', 'tsx', 'src/worker-main.ts'],
    {
      cwd: PACKAGE_DIR,
      env: {
        PATH: process.env['PATH'] ?? '',
        DATABASE_URL: db.url,
        HEARTH_MASTER_KEY: TEST_MASTER_KEY.toString('hex'),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker did not log ${until} in time:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!until.test(output)) return;
      clearTimeout(timer);
      child.once('exit', () => resolve(output));
      child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!until.test(output)) reject(new Error(`worker exited ${code}:\n${output}`));
    });
  });
}

describe('start-up', () => {
  it.skipIf(embedded)(
    'seals a legacy plaintext row when the standalone worker starts',
    async () => {
      const user = await registerUser(app);
      // A goal as an earlier version stored it: plaintext, no sealed column.
      await db.pool.query(
        `UPDATE settings SET goals = '{"WEIGHT":71.5}', goals_sealed = NULL WHERE user_id = $1`,
        [user.me.id],
      );

      const output = await runWorkerUntil(/legacy metadata: sealed/);

      expect(output).toMatch(/"users":1,.*legacy metadata: sealed/);
      const row = await db.pool.query<{ goals: unknown; sealed: boolean }>(
        'SELECT goals, goals_sealed IS NOT NULL AS sealed FROM settings WHERE user_id = $1',
        [user.me.id],
      );
      expect(row.rows[0]?.sealed).toBe(true);
      expect(JSON.stringify(row.rows[0]?.goals ?? null)).not.toContain('71.5');
      const settings = await app.inject({
        url: '/api/v1/users/me/settings',
        headers: { cookie: user.cookie },
      });
      expect(settings.json().goals).toEqual({ WEIGHT: 71.5 });
    },
  );
});
