import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testConfig, type TestDatabase } from '../../test-support/test-db.js';
import { useTestApp } from '../../test-support/fixture.js';
import { createDevice, registerUser, syncSamples, type TestUser } from '../../test-support/http.js';
import { foldInbox } from '../../test-support/fold.js';
import { runAdminCommand } from '../../admin-cli/admin-commands.js';

let db: TestDatabase;
let app: FastifyInstance;
let admin: TestUser;
let member: TestUser;

// The variable that used to make whoever registered a listed address an admin: now ignored.
useTestApp((fixture) => ({ db, app } = fixture), {
  app: {
    config: testConfig({ HEARTH_ADMIN_EMAILS: ' Root@Example.org , ops@example.org' }),
  },
});

const quiet = { out: () => undefined, err: () => undefined };
const admins = (...args: string[]) => runAdminCommand(db.pool, args, quiet);

beforeAll(async () => {
  admin = await registerUser(app, { email: 'root@example.org' });
  member = await registerUser(app);
  expect(await admins('grant', 'Root@Example.org')).toBe(0);
});

const stats = (user: TestUser) =>
  app.inject({ url: '/api/v1/admin/stats', headers: { cookie: user.cookie } });

describe('GET /api/v1/admin/stats', () => {
  it('is 401 for anonymous callers and 403 for signed-in non-admins', async () => {
    const anonymous = await app.inject({ url: '/api/v1/admin/stats' });
    expect(anonymous.statusCode).toBe(401);
    const forbidden = await app.inject({
      url: '/api/v1/admin/stats',
      headers: { cookie: member.cookie },
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('forbidden');
  });

  it('counts live users, devices, series and stored samples, the inbox and the queue', async () => {
    const device = await createDevice(app, member);
    // 70 one-minute samples over two UTC hours, one re-sent: stored once.
    await syncSamples(app, device, steps(70));
    await syncSamples(app, device, steps(1));
    const readStats = async () => {
      const res = await app.inject({
        url: '/api/v1/admin/stats',
        headers: { cookie: admin.cookie },
      });
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    expect(await readStats()).toMatchObject({ series: 0, inboxBatches: 2, inboxSamples: 71 });
    await foldInbox(db.pool, app.keyring);
    const stats = await readStats();
    expect(stats).toMatchObject({ users: 2, series: 2, samples: 70 });
    // Two manual-entry devices (one per account) and the watch.
    expect(stats.devices).toBe(3);
    // No worker runs in this test: the dirty days wait in the queue.
    expect(stats.queueDepth).toBeGreaterThan(0);
    expect(stats.rollupLagSeconds).toBeGreaterThanOrEqual(0);
    expect(stats).toMatchObject({ inboxBatches: 0, inboxSamples: 0, inboxLagSeconds: 0 });
    expect(stats.ingestRatePerSecond).toBeCloseTo(71 / 60);
  });
});

// After the counts above: these register more users.
describe('who is an administrator', () => {
  it('is never someone who registered an address, listed or not', async () => {
    const ops = await registerUser(app, { email: 'ops@example.org' });
    expect(ops.me.isAdmin).toBe(false);
    expect((await stats(ops)).statusCode).toBe(403);
  });

  it('is whoever `admin grant` names, until `admin revoke`, at once', async () => {
    const user = await registerUser(app);
    expect((await stats(user)).statusCode).toBe(403);
    expect(await admins('grant', user.email)).toBe(0);
    expect((await stats(user)).statusCode).toBe(200);
    const lines: string[] = [];
    await runAdminCommand(db.pool, ['list'], { out: (l) => lines.push(l), err: () => undefined });
    expect(lines).toEqual([user.email, 'root@example.org'].sort());
    expect(await admins('revoke', user.email)).toBe(0);
    expect((await stats(user)).statusCode).toBe(403);
  });

  it('refuses unknown addresses and bad commands with a non-zero exit', async () => {
    expect(await admins('grant', 'nobody@example.org')).toBe(1);
    expect(await admins('grant', 'not-an-address')).toBe(2);
    expect(await admins('promote', 'root@example.org')).toBe(2);
    expect(await admins()).toBe(2);
  });
});

const steps = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    type: 'STEPS',
    value: 10,
    unit: 'count',
    startDate: new Date(Date.UTC(2026, 0, 5, 9, i)).toISOString(),
    endDate: new Date(Date.UTC(2026, 0, 5, 9, i + 1)).toISOString(),
  }));
