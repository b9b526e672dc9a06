import pg from 'pg';
import type { BenchClient, BenchUser } from './lib-http.js';
import type { DeviceStream } from './ingest-throughput.js';
import { BATCH_SIZE } from './ingest-throughput.js';
import { sleep, summarize, type LatencySummary } from './lib-stats.js';

const CHANGES_CHANNEL = 'hearth_changes';
const PROBE_DATE = '2026-01-15';
const POLL_MS = 5;

export interface VisibilityResult {
  backgroundSamplesPerSecond: number;
  /** Ingest response (after COMMIT) → the worker's NOTIFY for the probe user's rollups. */
  notify: LatencySummary;
  /** Ingest response → `GET /users/me/summary` shows the new value. */
  visible: LatencySummary;
}

const DAY_MS = 86_400_000;

/**
 * The n-th batch a device sends: its history in order, then the same history again moved back
 * in time by the plan's length per pass. Every batch is new data (new series, new dirty days),
 * as a device backfilling its past would send; re-sending identical batches would be answered
 * without any rollup work and measure nothing.
 */
function nthBody(stream: DeviceStream, n: number, planDays: number): Buffer {
  const pass = Math.floor(n / stream.bodies.length);
  const index = n % stream.bodies.length;
  if (pass === 0) return stream.bodies[index] as Buffer;
  const shiftMs = pass * planDays * DAY_MS;
  const shift = (iso: string) => new Date(Date.parse(iso) - shiftMs).toISOString();
  const samples = (stream.batches[index] ?? []).map((s) => ({
    ...s,
    startDate: shift(s.startDate),
    endDate: shift(s.endDate),
  }));
  return Buffer.from(JSON.stringify({ samples }));
}

/** Background devices each send a batch every `intervalMs`, until `stopped()`. */
async function sustainIngest(
  client: BenchClient,
  streams: readonly DeviceStream[],
  load: { intervalMs: number; planDays: number },
  stopped: () => boolean,
): Promise<number> {
  let sent = 0;
  await Promise.all(
    streams.map(async (stream, i) => {
      await sleep((load.intervalMs / streams.length) * i); // spread the devices over the interval
      for (let n = 0; !stopped(); n++) {
        const next = performance.now() + load.intervalMs;
        const res = await client.request('POST', `/api/v1/devices/${stream.user.deviceId}/sync`, {
          body: nthBody(stream, n, load.planDays),
          headers: { authorization: `Bearer ${stream.user.deviceToken}` },
        });
        if (res.status !== 200) throw new Error(`background ingest ${res.status}: ${res.body}`);
        sent += BATCH_SIZE;
        await sleep(Math.max(0, next - performance.now()));
      }
    }),
  );
  return sent;
}

/** Resolves with the time the next rollup NOTIFY for `userId` arrives. */
function notifications(listener: pg.Client, userId: string) {
  let waiting: ((at: number) => void) | null = null;
  listener.on('notification', (msg) => {
    const at = performance.now();
    const { u, c } = JSON.parse(msg.payload ?? '{}') as { u?: string; c?: string[] };
    if (u === userId && c?.includes('rollups')) waiting?.(at);
  });
  return () => new Promise<number>((resolve) => (waiting = resolve));
}

async function probeOnce(
  client: BenchClient,
  probe: BenchUser,
  value: number,
  nextNotify: () => Promise<number>,
): Promise<{ notifyMs: number; visibleMs: number }> {
  const notified = nextNotify();
  const sample = {
    type: 'STEPS',
    value,
    unit: 'count',
    startDate: `${PROBE_DATE}T12:00:00Z`,
    endDate: `${PROBE_DATE}T12:10:00Z`,
  };
  await client.json('POST', `/api/v1/devices/${probe.deviceId}/sync`, {
    body: { samples: [sample] },
    headers: { authorization: `Bearer ${probe.deviceToken}` },
  });
  const committed = performance.now();
  for (;;) {
    const { body } = await client.json<{ metrics: { STEPS?: number } }>(
      'GET',
      `/api/v1/users/me/summary?date=${PROBE_DATE}`,
      { headers: { cookie: probe.cookie } },
    );
    if (body.metrics.STEPS === value) break;
    await sleep(POLL_MS);
  }
  const visibleMs = performance.now() - committed;
  return { notifyMs: (await notified) - committed, visibleMs };
}

/**
 * Under sustained background ingest, a probe device re-sends one STEPS sample with a new value
 * (it replaces itself) and times how long the day's summary takes to show it.
 */
export async function measureRollupVisibility(options: {
  client: BenchClient;
  databaseUrl: string;
  background: readonly DeviceStream[];
  /** Days of history in each background stream (how far each re-send pass moves back). */
  planDays: number;
  probe: BenchUser;
  targetSamplesPerSecond: number;
  probes: number;
}): Promise<VisibilityResult> {
  const { client, background, probe } = options;
  const listener = new pg.Client({ connectionString: options.databaseUrl });
  await listener.connect();
  await listener.query(`LISTEN ${CHANGES_CHANNEL}`);
  const nextNotify = notifications(listener, probe.userId);
  const intervalMs = (background.length * BATCH_SIZE * 1000) / options.targetSamplesPerSecond;
  let stop = false;
  const started = performance.now();
  const load = sustainIngest(
    client,
    background,
    { intervalMs, planDays: options.planDays },
    () => stop,
  );
  await sleep(2000); // let the load settle before the first probe
  const notify: number[] = [];
  const visible: number[] = [];
  try {
    for (let i = 0; i < options.probes; i++) {
      const r = await probeOnce(client, probe, 1000 + i, nextNotify);
      notify.push(r.notifyMs);
      visible.push(r.visibleMs);
      await sleep(100 + Math.random() * 100);
    }
  } finally {
    stop = true;
  }
  const sent = await load;
  const elapsedMs = performance.now() - started;
  await listener.end();
  return {
    backgroundSamplesPerSecond: (sent / elapsedMs) * 1000,
    notify: summarize(notify),
    visible: summarize(visible),
  };
}
