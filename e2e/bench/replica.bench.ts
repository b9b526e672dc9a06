// Client benchmarks (SPECIFICATION.md §9), in Debian's Chromium against the built server:
//  1. a fresh device pulls a user-year replica (target ≤ 60 s, with a progress indicator);
//  2. the dashboard renders from the local replica, offline (target ≤ 1 s after load).
// Run: npm run bench -w e2e (after `npm run build`).
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/env.js';
import { startBenchServer } from './bench-server.js';
import { ApiClient, seedYear } from './seed-year.js';

const PORT = 47_631;
const TIME_ZONE = 'Europe/Berlin';
const OFFLINE_RUNS = 5;

type ProgressSample = { seconds: number; pulled: number; label: string };

async function indicator(page: Page) {
  return page.evaluate(() => {
    const region = document.querySelector('[aria-label="Sync status"]');
    return {
      pulled: Number(region?.getAttribute('data-catch-up-pulled') ?? 0),
      done: region?.getAttribute('data-catch-up-done') === 'true',
      label: region?.querySelector('label')?.textContent ?? '',
      steps:
        document.querySelector('[data-metric="STEPS"] [data-value]')?.getAttribute('data-value') ??
        '',
    };
  });
}

/** Opens the app on a fresh device and polls until the replica has caught up. */
async function measureFreshPull(page: Page) {
  const started = Date.now();
  await page.goto('/');
  const samples: ProgressSample[] = [];
  let firstFigures: number | null = null;
  for (;;) {
    const now = (Date.now() - started) / 1000;
    const state = await indicator(page);
    if (firstFigures === null && state.steps !== '') firstFigures = now;
    if (state.label) samples.push({ seconds: now, pulled: state.pulled, label: state.label });
    if (state.done && state.pulled > 0)
      return { seconds: now, pulled: state.pulled, firstFigures, samples };
    if (now > 600) throw new Error('the replica did not catch up within 10 minutes');
    await page.waitForTimeout(250);
  }
}

/** Reloads with no network; ms from navigation start until today's steps are on screen. */
async function measureOfflineRender(page: Page): Promise<number> {
  await page.reload({ waitUntil: 'commit' });
  const ready = await page.waitForFunction(
    () => {
      const value = document
        .querySelector('[data-metric="STEPS"] [data-value]')
        ?.getAttribute('data-value');
      return value ? performance.now() : false;
    },
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  return (await ready.jsonValue()) as number;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const account = {
    email: `bench-${Date.now()}@example.org`,
    password: 'benchmark password',
    timeZone: TIME_ZONE,
  };
  const server = await startBenchServer({
    port: PORT,
    database: 'hearth_bench_client',
    masterKey: 'be9c'.repeat(16),
    adminEmail: account.email,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const api = new ApiClient(server.baseUrl);
    const endDate = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
    console.log('Seeding a user-year through the device ingest API…');
    const seeded = await seedYear(api, account, endDate);
    const stats = (await api.request('/admin/stats')) as { series: number; samples: number };
    console.log(
      `  ${seeded.samples} samples from ${seeded.devices} devices in ${seeded.seconds.toFixed(0)} s; server holds ${stats.series} series`,
    );

    const context = await browser.newContext({ baseURL: server.baseUrl, timezoneId: TIME_ZONE });
    const [name, value] = api.sessionCookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.baseUrl }]);
    const page = await context.newPage();
    const pull = await measureFreshPull(page);
    console.log(
      `Fresh device: ${pull.pulled} documents pulled in ${pull.seconds.toFixed(1)} s (target ≤ 60 s)`,
    );
    console.log(
      `  today's figures on screen after ${pull.firstFigures?.toFixed(1) ?? '—'} s, while the history was still arriving`,
    );
    const shown = pull.samples.filter(
      (_, i, all) => i % Math.max(1, Math.floor(all.length / 6)) === 0,
    );
    for (const s of shown) console.log(`  ${s.seconds.toFixed(1).padStart(5)} s  ${s.label}`);

    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return registration.active?.state;
    });
    await context.setOffline(true);
    const runs: number[] = [];
    for (let i = 0; i < OFFLINE_RUNS; i++) runs.push(await measureOfflineRender(page));
    console.log(
      `Offline dashboard from the replica: median ${median(runs).toFixed(0)} ms after navigation start (runs: ${runs.map((r) => r.toFixed(0)).join(', ')}; target ≤ 1000 ms)`,
    );
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
