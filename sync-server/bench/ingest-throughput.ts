import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { generateDemoData } from '@hearth/core';
import type { HealthSample } from '@hearth/schema';
import { createBenchUser, type BenchClient, type BenchUser } from './lib-http.js';
import { CpuMeter } from './lib-cpu.js';
import { perSecond } from './lib-stats.js';

export const BATCH_SIZE = 1000;
const WATCH = 'demo-watch';

/**
 * One device's history, ready to send: request bodies (encoded once, as a device holds its batch
 * ready to send, so the load generator spends its CPU on sending, not on encoding) and the same
 * rows as COPY text.
 */
export interface DeviceStream {
  user: BenchUser;
  sampleCount: number;
  bodies: Buffer[];
  copyBatches: string[];
  /** The samples of each batch (the rollup benchmark re-sends them shifted in time). */
  batches: HealthSample[][];
}

export interface IngestPlan {
  /** How many local days of history each device sends. */
  days: number;
  endDate: string;
  timeZone: string;
}

function copyLine(userId: string, s: HealthSample): string {
  return `${userId}\t${s.sourceDevice}\t${s.type}\t${s.startDate}\t${s.endDate}\t${s.value}\n`;
}

/**
 * A fresh user per device (so four devices are four writers, as four people syncing are), each
 * sending the Apple Watch history of its own seeded demo person in time order, 1,000 at a time.
 */
export async function prepareDevices(
  client: BenchClient,
  label: string,
  count: number,
  plan: IngestPlan,
): Promise<DeviceStream[]> {
  const streams: DeviceStream[] = [];
  for (let i = 0; i < count; i++) {
    const seed = `${label}-${i}`;
    const user = await createBenchUser(client, `${seed}@bench.example.org`, plan.timeZone, {
      name: 'Apple Watch',
      kind: 'apple_watch',
    });
    const samples = generateDemoData({ seed, ...plan })
      .samples.filter((s) => s.sourceDevice === WATCH)
      .map((s) => ({ ...s, sourceDevice: user.deviceId }))
      .sort((a, b) => a.startDate.localeCompare(b.startDate));
    const bodies: Buffer[] = [];
    const copyBatches: string[] = [];
    const batches: HealthSample[][] = [];
    for (let at = 0; at < samples.length; at += BATCH_SIZE) {
      const batch = samples.slice(at, at + BATCH_SIZE);
      batches.push(batch);
      bodies.push(Buffer.from(JSON.stringify({ samples: batch })));
      copyBatches.push(batch.map((s) => copyLine(user.userId, s)).join(''));
    }
    streams.push({ user, sampleCount: samples.length, bodies, copyBatches, batches });
  }
  return streams;
}

export interface Throughput {
  samples: number;
  elapsedMs: number;
  samplesPerSecond: number;
  /** CPU µs per sample in the application process (0 for COPY: there is none). */
  appMicrosPerSample: number;
  /** CPU µs per sample in the PostgreSQL backends serving it. */
  dbMicrosPerSample: number;
  cpuMicrosPerSample: number;
}

function throughput(
  samples: number,
  elapsedMs: number,
  cpu: { appMs: number; dbMs: number },
): Throughput {
  const perSample = (cpuMs: number) => (cpuMs * 1000) / samples;
  return {
    samples,
    elapsedMs,
    samplesPerSecond: perSecond(samples, elapsedMs),
    appMicrosPerSample: perSample(cpu.appMs),
    dbMicrosPerSample: perSample(cpu.dbMs),
    cpuMicrosPerSample: perSample(cpu.appMs + cpu.dbMs),
  };
}

/** The processes whose CPU an ingest costs: the server and its database backends. */
export interface IngestProcesses {
  appPid: number;
  dbPids: () => Promise<number[]>;
}

/**
 * Collects the load generator's own garbage (preparing the devices makes plenty) before a timed
 * run, so that its collector does not compete with the server for the machine's two cores during
 * the run; a no-op unless node runs with --expose-gc, as `npm run bench` does.
 */
export function collectBenchGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Every device sends its batches one after another; the devices run concurrently. */
export async function ingestOverHttp(
  client: BenchClient,
  streams: readonly DeviceStream[],
  processes: IngestProcesses,
): Promise<Throughput> {
  collectBenchGarbage();
  const appMeter = new CpuMeter([processes.appPid]);
  const dbMeter = new CpuMeter(await processes.dbPids());
  const started = performance.now();
  await Promise.all(
    streams.map(async ({ user, bodies }) => {
      for (const body of bodies) {
        const res = await client.request('POST', `/api/v1/devices/${user.deviceId}/sync`, {
          body,
          headers: { authorization: `Bearer ${user.deviceToken}` },
        });
        const parsed = JSON.parse(res.body) as { errors?: number };
        if (res.status !== 200 || parsed.errors !== 0) {
          throw new Error(`ingest failed ${res.status}: ${res.body.slice(0, 300)}`);
        }
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  const cpu = {
    appMs: appMeter.usedMs([processes.appPid]),
    dbMs: dbMeter.usedMs(await processes.dbPids()),
  };
  return throughput(
    streams.reduce((n, s) => n + s.sampleCount, 0),
    elapsedMs,
    cpu,
  );
}

export const COPY_TABLE = 'bench_copy_samples';

/** A normal (logged, durable) table, no index: the cheapest possible place to put rows. */
export async function createCopyTable(db: pg.Pool): Promise<void> {
  await db.query(`CREATE TABLE IF NOT EXISTS ${COPY_TABLE} (
    user_id uuid NOT NULL, device_id text NOT NULL, type text NOT NULL,
    "start" timestamptz NOT NULL, "end" timestamptz NOT NULL, value double precision NOT NULL)`);
}

/** The same rows, one COPY (and so one durable COMMIT) per 1,000-row batch, one connection per device. */
export async function ingestWithCopy(
  databaseUrl: string,
  streams: readonly DeviceStream[],
): Promise<Throughput> {
  const clients = await Promise.all(
    streams.map(async () => {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      return c;
    }),
  );
  const backends = await Promise.all(
    clients.map(
      async (c) =>
        (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0,
    ),
  );
  collectBenchGarbage();
  const meter = new CpuMeter(backends);
  const started = performance.now();
  await Promise.all(
    streams.map(async (stream, i) => {
      const c = clients[i] as pg.Client;
      for (const text of stream.copyBatches) {
        const sink = c.query(copyFrom(`COPY ${COPY_TABLE} FROM STDIN`));
        await pipeline(Readable.from([text]), sink);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  const cpu = { appMs: 0, dbMs: meter.usedMs(backends) };
  await Promise.all(clients.map((c) => c.end()));
  return throughput(
    streams.reduce((n, s) => n + s.sampleCount, 0),
    elapsedMs,
    cpu,
  );
}
