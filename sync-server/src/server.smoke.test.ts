import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm start` end to end, on the embedded database: the real entry point in its own process, a
 * fresh data dir, a free port. Runs the source through tsx (the same code `npm start` builds),
 * so a stale `dist/` can never make it pass or fail.
 */
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const ADMIN = 'admin@example.org';

interface Running {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  exited: Promise<number | null>;
}

function startServer(dataDir: string): Promise<Running> {
  // Only what the server needs: no DATABASE_URL or master key, so it must embed and generate.
  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? tmpdir(),
    HEARTH_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    HEARTH_ADMIN_EMAILS: ADMIN,
    LOG_LEVEL: 'info',
  };
  const child = spawn(
    process.execPath,
    ['--conditions=@hearth/source', '--import', 'tsx', 'src/server.ts'],
    { cwd: PACKAGE_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, baseUrl: match[1], output: () => output, exited });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
}

async function stopServer(server: Running): Promise<number | null> {
  server.child.kill('SIGTERM');
  return server.exited;
}

async function call(
  server: Running,
  path: string,
  init: { method?: string; body?: unknown; cookie?: string; token?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.cookie) headers['cookie'] = init.cookie;
  if (init.token) headers['authorization'] = `Bearer ${init.token}`;
  const res = await fetch(`${server.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** The summary once the worker has rolled the samples up (it wakes on NOTIFY). */
async function waitForSteps(server: Running, cookie: string, expected: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await call(server, '/api/v1/users/me/summary?date=2026-03-10', { cookie });
    const steps = (JSON.parse(res.text) as { metrics: { STEPS?: number } }).metrics.STEPS;
    if (steps === expected || Date.now() > deadline) return steps ?? 0;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `npm run admin -- <args>` on the data dir, from the source as the server runs here. */
function runAdminCli(dataDir: string, args: string[]): Promise<number | null> {
  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? tmpdir(),
    HEARTH_DATA_DIR: dataDir,
  };
  const child = spawn(
    process.execPath,
    ['--conditions=@hearth/source', '--import', 'tsx', 'src/admin-cli/main.ts', ...args],
    { cwd: PACKAGE_DIR, env, stdio: 'ignore' },
  );
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

const samples = [0, 1, 2].map((i) => ({
  type: 'STEPS',
  value: 100 * (i + 1),
  unit: 'count',
  startDate: `2026-03-10T1${i}:00:00Z`,
  endDate: `2026-03-10T1${i}:30:00Z`,
}));

const dataDir = mkdtempSync(join(tmpdir(), 'hearth-smoke-'));
const running: Running[] = [];
afterAll(() => {
  for (const server of running) server.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start on the embedded database', () => {
  let cookie = '';

  it('starts, serves health, ingest, rollups, metrics and docs (admin stats to no one), then stops cleanly', async () => {
    const server = await startServer(dataDir);
    running.push(server);
    expect((await call(server, '/health')).status).toBe(200);

    const register = await fetch(`${server.baseUrl}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN, password: 'correct horse battery', timeZone: 'UTC' }),
    });
    expect(register.status).toBe(201);
    cookie = (register.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const device = JSON.parse(
      (
        await call(server, '/api/v1/devices', {
          cookie,
          body: { name: 'Watch', kind: 'apple_watch' },
          method: 'POST',
        })
      ).text,
    ) as { id: string; token: string };
    const sync = await call(server, `/api/v1/devices/${device.id}/sync`, {
      method: 'POST',
      token: device.token,
      body: { samples },
    });
    expect(JSON.parse(sync.text)).toEqual({ synced: 3, errors: 0 });
    expect(await waitForSteps(server, cookie, 600)).toBe(600);

    // Listed in HEARTH_ADMIN_EMAILS, yet registering the address does not make an admin.
    expect((await call(server, '/api/v1/admin/stats', { cookie })).status).toBe(403);
    const metrics = await call(server, '/metrics');
    expect(metrics.text).toContain('hearth_samples_ingested_total 3');
    expect(metrics.text).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/health"/);
    const docs = JSON.parse((await call(server, '/docs/json')).text) as { paths: object };
    expect(Object.keys(docs.paths)).toContain('/api/v1/devices/{deviceId}/sync');

    expect(await stopServer(server)).toBe(0);
    expect(server.output()).toContain('stopped cleanly');
    // Never a secret in the logs: neither the device token nor the generated key.
    expect(server.output()).not.toContain(device.token);
    expect(existsSync(join(dataDir, 'hearth.pid'))).toBe(false);
  });

  it('keeps the generated key private and the data across a restart; admin granted by the CLI', async () => {
    expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    // While the server is stopped, `npm run admin` opens the same embedded database.
    expect(await runAdminCli(dataDir, ['grant', ADMIN])).toBe(0);
    const server = await startServer(dataDir);
    running.push(server);
    expect(server.output()).not.toContain('Generated a new master key');
    // The session, the sealed rollups and the key all survived.
    expect(await waitForSteps(server, cookie, 600)).toBe(600);
    const stats = JSON.parse((await call(server, '/api/v1/admin/stats', { cookie })).text);
    // Devices: the watch, and the manual-entry device every account starts with.
    expect(stats).toMatchObject({ users: 1, devices: 2, series: 3, samples: 3, queueDepth: 0 });
    expect(await stopServer(server)).toBe(0);
  });
});
