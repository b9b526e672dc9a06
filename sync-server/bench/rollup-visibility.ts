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

/** Background devices each send a batch every `intervalMs`, until `stop` resolves. */
async function sustainIngest(
  client: BenchClient,
  streams: readonly DeviceStream[],
  intervalMs: number,
  stopped: () => boolean,
): Promise<number> {
  let sent = 0;
  await Promise.all(
    streams.map(async ({ user, bodies }, i) => {
      await sleep((intervalMs / streams.length) * i); // spread the devices over the interval
      for (let n = 0; !stopped(); n++) {
        const next = performance.now() + intervalMs;
        const body = bodies[n % bodies.length] as string;
        const res = await client.request('POST', `/api/v1/devices/${user.deviceId}/sync`, {
          body,
          headers: { authorization: `Bearer ${user.deviceToken}` },
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
  const load = sustainIngest(client, background, intervalMs, () => stop);
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
