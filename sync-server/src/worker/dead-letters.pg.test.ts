import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testConfig, type TestDatabase } from '../test-support/test-db.js';
import { useTestApp } from '../test-support/fixture.js';
import { createDevice, registerUser, syncSamples, type TestUser } from '../test-support/http.js';
import { foldInbox } from '../test-support/fold.js';
import { RollupWorker, type JobFailureReport } from './rollup-worker.js';
import type { RetryPolicy } from './job-failure.js';
import { runAdminCommand } from '../admin-cli/admin-commands.js';

let db: TestDatabase;
let app: FastifyInstance;
let admin: TestUser;

useTestApp((fixture) => ({ db, app } = fixture), {
  app: { config: testConfig({ HEARTH_ADMIN_EMAILS: 'ops@example.org' }) },
});
beforeAll(async () => {
  admin = await registerUser(app, { email: 'ops@example.org' });
  // Registering never makes an admin: the operator grants it (npm run admin -- grant).
  await runAdminCommand(db.pool, ['grant', admin.email], { out: () => {}, err: () => {} });
});

/** Retries due at once: the test sees every try without waiting out a backoff. */
const NO_WAIT: RetryPolicy = { maxAttempts: 3, baseDelayMs: 0 };

function worker(retry?: RetryPolicy) {
  const failures: JobFailureReport[] = [];
  const w = new RollupWorker({
    pool: db.pool,
    keyring: app.keyring,
    ...(retry ? { retry } : {}),
    onFailure: (report) => {
      failures.push(report);
      app.metrics.recordJobFailure(report);
    },
  });
  return Object.assign(w, { failures });
}

const steps = (day: string, value: number) => [
  {
    type: 'STEPS',
    value,
    unit: 'count',
    startDate: `${day}T09:00:00.000Z`,
    endDate: `${day}T09:10:00.000Z`,
  },
];

async function stepsOn(user: TestUser, date: string): Promise<unknown> {
  const res = await app.inject({
    url: `/api/v1/users/me/summary?date=${date}`,
    headers: { cookie: user.cookie },
  });
  return res.json().metrics.STEPS;
}

async function adminStats() {
  const res = await app.inject({ url: '/api/v1/admin/stats', headers: { cookie: admin.cookie } });
  expect(res.statusCode).toBe(200);
  return res.json();
}

async function metric(name: string): Promise<string[]> {
  const text = (await app.inject({ url: '/metrics' })).body;
  return text.split('\n').filter((line) => line.startsWith(name));
}

/** Damages stored bytes so they no longer authenticate under the user's key. */
const DAMAGE = `overlay(payload placing '\\xff'::bytea from 20)`;

describe('dead letters', () => {
  it('sets a batch that cannot be folded aside after a few tries; nobody else waits', async () => {
    const ann = await registerUser(app);
    const bob = await registerUser(app);
    const annsWatch = await createDevice(app, ann);
    const bobsWatch = await createDevice(app, bob);
    await syncSamples(app, annsWatch, steps('2026-02-02', 100));
    await db.pool.query(`UPDATE ingest_inbox SET payload = ${DAMAGE} WHERE device_id = $1`, [
      annsWatch.id,
    ]);
    await syncSamples(app, annsWatch, steps('2026-02-03', 300));
    await syncSamples(app, bobsWatch, steps('2026-02-02', 200));

    // Ann's batches are the oldest: the first fold fails on them and is answered, not thrown,
    // and with the default backoff they wait while Bob's are folded and rolled up at once.
    const patient = worker();
    expect(await patient.runOnce()).toMatchObject({ kind: 'fold', userId: ann.me.id });
    await patient.drain();
    expect(await stepsOn(bob, '2026-02-02')).toBe(200);

    // Retried (the failed batch alone) until set aside; Ann's later batch then goes through.
    const eager = worker(NO_WAIT);
    await db.pool.query('UPDATE ingest_inbox SET retry_at = NULL');
    await eager.drain();
    expect(await stepsOn(ann, '2026-02-03')).toBe(300);
    const dead = await db.pool.query(
      'SELECT attempts, dead_reason FROM ingest_inbox WHERE dead_at IS NOT NULL',
    );
    expect(dead.rows).toEqual([{ attempts: NO_WAIT.maxAttempts, dead_reason: expect.any(String) }]);
    // The reason names the error and where it was thrown, never a value.
    expect(dead.rows[0].dead_reason).toMatch(/^DecryptionError at /);
    expect(eager.failures.at(-1)).toMatchObject({ kind: 'fold', deadLetters: 1 });
    expect(await eager.drain()).toBe(0);

    const stats = await adminStats();
    expect(stats).toMatchObject({ inboxBatches: 0, deadLetters: { inboxBatches: 1 } });
    expect(Date.parse(stats.deadLetters.oldestAt)).toBeLessThanOrEqual(Date.now());
    expect(await metric('hearth_dead_letters{')).toContain('hearth_dead_letters{kind="fold"} 1');
    expect(await metric('hearth_dead_letters_total{')).toContain(
      'hearth_dead_letters_total{kind="fold"} 1',
    );

    // Kept for the operator: requeued, it is a live batch again with its tries from zero.
    const requeue = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/dead-letters/requeue',
      headers: { cookie: admin.cookie },
      payload: { userId: ann.me.id },
    });
    expect(requeue.json()).toEqual({ inboxBatches: 1, rollupDays: 0 });
    expect(await adminStats()).toMatchObject({ inboxBatches: 1, deadLetters: { inboxBatches: 0 } });
    await db.pool.query('DELETE FROM ingest_inbox WHERE device_id = $1', [annsWatch.id]);
  });

  it('sets a day that cannot be rolled up aside; the user’s other days still roll up', async () => {
    const cid = await registerUser(app);
    const watch = await createDevice(app, cid);
    await syncSamples(app, watch, [...steps('2026-04-10', 40), ...steps('2026-06-10', 60)]);
    await foldInbox(db.pool, app.keyring);
    await db.pool.query(
      `UPDATE series SET payload = ${DAMAGE} WHERE device_id = $1 AND hour_start < '2026-05-01'`,
      [watch.id],
    );

    const eager = worker(NO_WAIT);
    await eager.drain();
    expect(await stepsOn(cid, '2026-06-10')).toBe(60);
    const dead = await db.pool.query<{ local_day: string; attempts: number }>(
      `SELECT to_char(local_day, 'YYYY-MM-DD') AS local_day, attempts FROM rollup_queue
        WHERE user_id = $1 AND dead_at IS NOT NULL ORDER BY local_day`,
      [cid.me.id],
    );
    // The damaged day and the neighbours that read it as their margin.
    expect(dead.rows.map((r) => r.local_day)).toContain('2026-04-10');
    expect(dead.rows.every((r) => r.attempts === NO_WAIT.maxAttempts)).toBe(true);
    const live = await db.pool.query(
      'SELECT count(*)::int AS n FROM rollup_queue WHERE user_id = $1 AND dead_at IS NULL',
      [cid.me.id],
    );
    expect(live.rows[0].n).toBe(0);
    expect(await eager.drain()).toBe(0);

    const stats = await adminStats();
    expect(stats).toMatchObject({ queueDepth: 0, deadLetters: { rollupDays: dead.rows.length } });
    expect(await metric('hearth_dead_letters{')).toContain(
      `hearth_dead_letters{kind="rollup"} ${dead.rows.length}`,
    );
  });
});
