import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { computeRollups, resolveSourcePriority } from '@hearth/core';
import { createAppleHealthReader, type ImportedSample } from '@hearth/core/import';
import {
  HEALTH_DATA_TYPES,
  type AggregatesResponse,
  type Device,
  type HealthSample,
} from '@hearth/schema';
import { useTestApp } from '../test-support/fixture.js';
import { registerUser, type TestUser } from '../test-support/http.js';
import type { TestDatabase } from '../test-support/test-db.js';
import { RollupWorker } from '../worker/rollup-worker.js';
import { runCli } from './cli.js';
import { EXIT_CODES } from './errors.js';
import { toWireSample } from './batches.js';
import type { ImportResult } from './summary.js';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const TIME_ZONE = 'Europe/Paris';
const FIRST_DAY = '2026-03-01';
const LAST_DAY = '2026-03-10';

let db: TestDatabase;
let app: FastifyInstance;
let worker: RollupWorker;
let server: string;
let dir: string;

useTestApp((fixture) => ({ db, app } = fixture));

beforeAll(async () => {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  server = `http://127.0.0.1:${address.port}`;
  worker = new RollupWorker({ pool: db.pool, keyring: app.keyring, notifyHub: app.notifyHub });
  worker.start();
  dir = await mkdtemp(join(tmpdir(), 'hearth-import-'));
});

afterAll(async () => {
  await worker.stop();
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The command as a person runs it: its own process, real arguments, stdout and exit status. */
function runChild(args: string[], password: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@hearth/source', '--import', 'tsx', 'src/import-cli/main.ts', ...args],
      {
        cwd: PACKAGE_DIR,
        env: { PATH: process.env['PATH'] ?? '', HEARTH_PASSWORD: password },
        maxBuffer: 1 << 24,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The same command in this process (fast, and the network can be replaced). */
async function runHere(
  args: string[],
  password: string,
  options: { fetch?: typeof fetch } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli({
    argv: args,
    env: { HEARTH_PASSWORD: password },
    cwd: dir,
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { isTTY: false, write: (t: string) => (stderr += t) },
    createReader: (totalBytes) => createAppleHealthReader({ totalBytes, now: Date.now() }),
    retryPolicy: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return { code, stdout, stderr };
}

function summaryOf(run: Run): ImportResult {
  const lines = run.stdout.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] ?? '') as ImportResult;
}

/** What the reader yields for the file, read in one piece: the reference for the server. */
function readWhole(bytes: Uint8Array) {
  const reader = createAppleHealthReader({ now: Date.now() });
  const samples: ImportedSample[] = [...reader.push(bytes), ...reader.end()];
  return { samples, sources: reader.sources };
}

async function waitForRollups(userId: string): Promise<void> {
  for (;;) {
    const res = await db.pool.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM ingest_inbox WHERE user_id = $1)::int
            + (SELECT count(*) FROM rollup_queue WHERE user_id = $1)::int AS n`,
      [userId],
    );
    if (res.rows[0]?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function devicesOf(user: TestUser): Promise<Device[]> {
  const res = await app.inject({
    method: 'GET',
    url: '/api/v1/devices',
    headers: { cookie: user.cookie },
  });
  return res.json<{ devices: Device[] }>().devices;
}

async function dayTotals(user: TestUser): Promise<AggregatesResponse> {
  const res = await app.inject({
    method: 'GET',
    url: `/api/v1/users/me/aggregates?types=${HEALTH_DATA_TYPES.join(',')}&period=day&startDate=${FIRST_DAY}&endDate=${LAST_DAY}`,
    headers: { cookie: user.cookie },
  });
  expect(res.statusCode).toBe(200);
  return res.json<AggregatesResponse>();
}

/** Every stored series of the user: where it sits in the replication order, and its points. */
async function seriesState(userId: string) {
  const res = await db.pool.query<{
    device_id: string;
    type: string;
    hour: Date;
    position: string;
    point_count: number;
    payload: Buffer;
  }>(
    `SELECT device_id, type, hour_start AS hour, position, point_count, payload FROM series
      WHERE user_id = $1 ORDER BY device_id, type, hour_start`,
    [userId],
  );
  return res.rows.map((r) => ({ ...r, payload: r.payload.toString('base64') }));
}

/** computeRollups' day totals of the same samples, on the devices the import created. */
function expectedDayTotals(
  samples: readonly ImportedSample[],
  sourceKeys: readonly string[],
  devices: readonly Device[],
  deviceOfKey: (key: string) => Device,
): AggregatesResponse {
  const stored: HealthSample[] = samples.map((s) => ({
    ...toWireSample(s),
    sourceDevice: deviceOfKey(sourceKeys[s.source] ?? '').id,
  }));
  const priority = resolveSourcePriority(devices, []);
  const out: AggregatesResponse = Object.fromEntries(HEALTH_DATA_TYPES.map((t) => [t, []]));
  for (const a of computeRollups(stored, { timeZone: TIME_ZONE, priority })) {
    if (a.period === 'day') (out[a.type] ??= []).push(a);
  }
  return out;
}

describe('npm run import', () => {
  let user: TestUser;
  let xmlFile: string;
  let expectedRecords: ReturnType<typeof readWhole>;

  beforeAll(async () => {
    user = await registerUser(app, { timeZone: TIME_ZONE });
    const xml = exportFixture();
    xmlFile = join(dir, 'export.xml');
    await writeFile(xmlFile, xml);
    expectedRecords = readWhole(new TextEncoder().encode(xml));
  });

  it('imports an export.xml: one JSON line, exit 0, the day totals of computeRollups', async () => {
    const run = await runChild(
      [xmlFile, '--server', server, '--email', user.email, '--batch-size', '7'],
      user.password,
    );
    expect(run.stderr).toMatch(/Done: /);
    expect(run.code).toBe(0);
    const result = summaryOf(run);
    const { samples, sources } = expectedRecords;
    expect(result.samples).toBe(samples.length);
    expect(result.acknowledged).toBe(samples.length);
    expect(result.refused).toEqual({});
    expect(result.unacknowledged).toBe(0);
    const all = await devicesOf(user);
    // Registration gave the account its manual-entry device; the rest came with the import.
    const devices = all.filter((d) => d.kind !== 'manual_entry');
    expect(result.devices.map((d) => [d.name, d.kind]).sort()).toEqual(
      devices.map((d) => [d.name, d.kind]).sort(),
    );
    expect(devices).toHaveLength(sources.length);
    await waitForRollups(user.me.id);
    const byKey = (key: string) => {
      const found = devices.find((d) => sources.find((s) => s.key === key)?.name === d.name);
      if (!found) throw new Error(`no device for ${key}`);
      return found;
    };
    expect(await dayTotals(user)).toEqual(
      expectedDayTotals(
        samples,
        sources.map((s) => s.key),
        devices,
        byKey,
      ),
    );
  });

  it('imports the same export again without changing anything stored', async () => {
    await waitForRollups(user.me.id);
    const series = await seriesState(user.me.id);
    const totals = await dayTotals(user);
    expect(series.length).toBeGreaterThan(0);
    // Other batches than the first time (so other idempotency keys): the server stores them
    // again, and folding them must leave every series as it was.
    const run = await runHere(
      [
        xmlFile,
        '--server',
        server,
        '--email',
        user.email,
        '--batch-size',
        '5',
        '--concurrency',
        '2',
      ],
      user.password,
    );
    expect(run.code).toBe(0);
    expect(summaryOf(run).acknowledged).toBe(expectedRecords.samples.length);
    await waitForRollups(user.me.id);
    expect(await seriesState(user.me.id)).toEqual(series);
    expect(await dayTotals(user)).toEqual(totals);
    expect((await devicesOf(user)).length).toBe(expectedRecords.sources.length + 1);
  });

  it('refuses a wrong password with its own exit status and nothing on stdout', async () => {
    const run = await runChild(
      [xmlFile, '--server', server, '--email', user.email],
      'wrong password',
    );
    expect(run.code).toBe(EXIT_CODES['sign-in-refused']);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/wrong email or password/);
  });

  it('says so when the file is missing, is not an export, or the server cannot be reached', async () => {
    const missing = await runHere(
      [join(dir, 'nope.zip'), '--server', server, '--email', user.email],
      user.password,
    );
    expect([missing.code, missing.stdout]).toEqual([EXIT_CODES['file-missing'], '']);
    expect(missing.stderr).toMatch(/No such file: .*nope\.zip/);

    const notes = join(dir, 'notes.txt');
    await writeFile(notes, 'shopping list: milk, eggs\n');
    const notAnExport = await runHere(
      [notes, '--server', server, '--email', user.email],
      user.password,
    );
    expect(notAnExport.code).toBe(EXIT_CODES['not-an-export']);
    expect(notAnExport.stderr).toMatch(/not an Apple Health export/);
    expect(summaryOf(notAnExport)).toMatchObject({ records: 0, samples: 0, acknowledged: 0 });

    const down: typeof fetch = () =>
      Promise.reject(
        new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') }),
      );
    const unreachable = await runHere(
      [xmlFile, '--server', 'http://127.0.0.1:9', '--email', user.email],
      user.password,
      { fetch: down },
    );
    expect([unreachable.code, unreachable.stdout]).toEqual([EXIT_CODES['server-unreachable'], '']);
    expect(unreachable.stderr).toMatch(
      /Cannot reach the server at http:\/\/127.0.0.1:9 \(2 tries\).*ECONNREFUSED/,
    );
  });

  it('counts the batches that never got an answer, and fails', async () => {
    let syncs = 0;
    const flaky: typeof fetch = (input, init) => {
      if (String(input).endsWith('/sync') && ++syncs > 2) {
        return Promise.reject(
          new TypeError('fetch failed', { cause: new Error('socket hang up') }),
        );
      }
      return fetch(input, init);
    };
    const run = await runHere(
      [
        xmlFile,
        '--server',
        server,
        '--email',
        user.email,
        '--batch-size',
        '10',
        '--concurrency',
        '1',
      ],
      user.password,
      { fetch: flaky },
    );
    expect(run.code).toBe(EXIT_CODES['server-unreachable']);
    const result = summaryOf(run);
    expect(result.acknowledged).toBe(20);
    expect(result.unacknowledged).toBe(result.samples - 20);
    expect(run.stderr).toMatch(/socket hang up/);
  });
});

function exportFixture(): string {
  const rec = (
    type: string,
    source: string,
    model: string,
    unit: string,
    start: string,
    end: string,
    value: string,
  ) =>
    ` <Record type="HKQuantityTypeIdentifier${type}" sourceName="${source}" sourceVersion="10.1" device="&lt;&lt;HKDevice: 0x28${Math.floor(Math.random() * 1e6)}&gt;, name:${model}, model:${model}&gt;" unit="${unit}" creationDate="${end}" startDate="${start}" endDate="${end}" value="${value}"/>`;
  const lines: string[] = [];
  for (let d = 1; d <= 9; d++) {
    const day = `2026-03-0${d}`;
    for (let h = 8; h < 20; h += 2) {
      const hh = String(h).padStart(2, '0');
      lines.push(
        rec(
          'StepCount',
          'Anna’s Apple Watch',
          'Watch',
          'count',
          `${day} ${hh}:00:00 +0100`,
          `${day} ${hh}:10:00 +0100`,
          String(100 + d * h),
        ),
      );
      lines.push(
        rec(
          'StepCount',
          "Anna's iPhone",
          'iPhone',
          'count',
          `${day} ${hh}:05:00 +0100`,
          `${day} ${hh}:20:00 +0100`,
          String(300 + h),
        ),
      );
      lines.push(
        rec(
          'HeartRate',
          "Anna's Apple Watch",
          'Watch',
          'count/min',
          `${day} ${hh}:03:00 +0100`,
          `${day} ${hh}:03:00 +0100`,
          String(60 + h),
        ),
      );
    }
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE HealthData [\n<!ELEMENT HealthData (ExportDate,Me,(Record)*)>\n]>',
    '<HealthData locale="en_GB">',
    ' <ExportDate value="2026-03-10 10:00:00 +0100"/>',
    ...lines,
    '</HealthData>',
    '',
  ].join('\n');
}
