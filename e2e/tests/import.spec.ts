import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeRollups, localDateOf, resolveSourcePriority } from '@hearth/core';
import { appleHealthExportZip, createAppleHealthReader } from '@hearth/core/import';
import { METRIC_CONFIG, type HealthSample } from '@hearth/schema';
import { expect, test, type BrowserContext, type BrowserContextOptions } from '@playwright/test';
import { afternoonZone, todayIn } from '../support/clock.js';
import { newAccount, SignUpPage } from '../support/pages/AuthPages.js';
import type { DashboardPage } from '../support/pages/DashboardPage.js';
import { ImportPage } from '../support/pages/ImportPage.js';
import { serverSummary } from '../support/server.js';

// A person brings an Apple Health export.zip (written by core's synthetic writer) into the PWA
// while offline, sees it read and summarised, sees the days on the dashboard and in trends
// (computed on the device), and, online again, sees it uploaded: the server's day totals are
// the ones core computes from the same file. On a desktop and on a phone-sized screen.

const timezoneId = afternoonZone();
const DAYS = 10;
const SCREENS: { name: string; options: BrowserContextOptions }[] = [
  { name: 'desktop', options: { viewport: { width: 1280, height: 800 } } },
  {
    name: 'phone',
    options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  },
];
const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

type Expected = {
  records: number;
  /**
   * Samples the reader keeps when run at `now`: the export runs to the end of today, and the
   * reader leaves out what has not happened yet, so the count grows with the clock.
   */
  keptAt: (now: number) => number;
  /** Day totals of the days before today (which no clock changes). */
  stepsByDay: Map<string, number>;
};

/** Writes the export and reads it back with core, as an independent reference. */
function writeExport(dir: string): { path: string; expected: Expected } {
  const today = todayIn(timezoneId);
  const chunks = [
    ...appleHealthExportZip({
      seed: 'e2e-import',
      endDate: today,
      days: DAYS,
      timeZone: timezoneId,
    }),
  ];
  const path = join(dir, 'export.zip');
  writeFileSync(path, Buffer.concat(chunks));
  const reader = createAppleHealthReader({ now: Date.now() });
  const bytes = readFileSync(path);
  const imported = [...reader.push(bytes), ...reader.end()];
  // The app makes one device per source in the order the export names them; among sources of
  // one kind, that order decides (core's resolveSourcePriority), as on the server.
  const devices = reader.sources.map((s, i) => ({
    id: `source-${String(i).padStart(3, '0')}`,
    kind: s.kind,
    createdAt: '2026-01-01T00:00:00.000Z',
  }));
  const samples: HealthSample[] = imported.map((s) => ({
    type: s.type,
    value: s.value,
    unit: METRIC_CONFIG[s.type].unit,
    startDate: new Date(s.start).toISOString(),
    endDate: new Date(s.end).toISOString(),
    sourceDevice: devices[s.source]!.id,
    ...(s.sleepStage ? { sleepStage: s.sleepStage } : {}),
  }));
  const rollups = computeRollups(samples, {
    timeZone: timezoneId,
    priority: resolveSourcePriority(devices, []),
  });
  const stepsByDay = new Map(
    rollups
      .filter((r) => r.type === 'STEPS' && r.period === 'day')
      .map((r) => [localDateOf(Date.parse(r.periodStart), timezoneId), r.value]),
  );
  const keptAt = (now: number) => {
    const again = createAppleHealthReader({ now });
    return again.push(bytes).length + again.end().length;
  };
  return { path, expected: { records: reader.summary().records, keptAt, stepsByDay } };
}

function daysAgo(n: number): string {
  return todayIn(timezoneId, new Date(Date.now() - n * 86_400_000));
}

for (const screen of SCREENS) {
  test.describe(`Import on a ${screen.name}`, () => {
    test.describe.configure({ mode: 'serial' });
    let dir: string;
    let file: { path: string; expected: Expected };
    let context: BrowserContext;
    let dashboard: DashboardPage;
    let importedFrom = 0;
    let firstAdded = 0;

    test.beforeAll(async ({ browser }) => {
      dir = mkdtempSync(join(tmpdir(), 'hearth-import-'));
      file = writeExport(dir);
      context = await browser.newContext({ ...screen.options, timezoneId });
    });
    test.afterAll(async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('offline, an export.zip is read with progress and summarised per type and source', async () => {
      test.setTimeout(120_000);
      const page = await context.newPage();
      dashboard = await (await new SignUpPage(page).open()).signUp(newAccount());
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await context.setOffline(true);
      await dashboard.expectOffline();

      const importPage = await ImportPage.open(dashboard);
      // The navigation stays usable at this width: nothing sticks out sideways.
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      ).toBe(true);
      importedFrom = Date.now();
      await importPage.choose(file.path);
      await expect(importPage.progress.getByRole('progressbar')).toBeVisible();
      const { headline, new: added } = await importPage.expectFinished();
      expect(headline).toContain(`Read ${integer.format(file.expected.records)} records`);
      expect(added).toBeGreaterThanOrEqual(file.expected.keptAt(importedFrom));
      expect(added).toBeLessThanOrEqual(file.expected.keptAt(Date.now()));
      firstAdded = added;
      const types = await importPage.tableRows(/^By type/);
      expect(types.map((row) => row[0])).toContain('Steps');
      const sources = await importPage.tableRows(/^By source/);
      expect(sources.map((row) => row.slice(0, 2))).toEqual(
        expect.arrayContaining([
          ['Anna’s Apple Watch', 'Apple Watch'],
          ['Anna’s iPhone', 'iPhone'],
        ]),
      );
      await importPage.expectWaitingUploads();
    });

    test('the imported days show on the dashboard and in trends, computed on this device', async () => {
      const page = dashboard.page;
      await dashboard.nav('Today').click();
      await dashboard.expectLoaded();
      await expect.poll(async () => (await dashboard.figuresShown()).STEPS ?? 0).toBeGreaterThan(0);

      await dashboard.nav('Trends').click();
      await page.getByText('Show the figures as a table').click();
      const rows = page.getByRole('table', { name: 'Steps by day' }).locator('tbody tr');
      for (const ago of [1, 2, 5]) {
        const expected = file.expected.stepsByDay.get(daysAgo(ago)) ?? 0;
        // The table ends with today: the row `ago` from the end is that day.
        const row = rows.nth((await rows.count()) - 1 - ago);
        await expect(row.locator('td')).toHaveText(
          new RegExp(`^${integer.format(expected)} steps, \\d+ readings, computed on this device`),
        );
      }
    });

    test('online again, the import uploads and the server counts the days core counts', async () => {
      test.setTimeout(150_000);
      await context.setOffline(false);
      await dashboard.expectSynced(120_000);
      const request = context.request;
      const devices = (await (await request.get('/api/v1/devices')).json()) as {
        devices: { name: string; kind: string }[];
      };
      expect(devices.devices.map((d) => d.name)).toEqual(
        expect.arrayContaining(['Anna’s Apple Watch', 'Anna’s iPhone']),
      );
      const startDate = daysAgo(DAYS - 1);
      const endDate = daysAgo(1);
      await expect(async () => {
        const response = await request.get(
          `/api/v1/users/me/aggregates?types=STEPS&period=day&startDate=${startDate}&endDate=${endDate}`,
        );
        const body = (await response.json()) as {
          STEPS?: { periodStart: string; value: number }[];
        };
        const server = new Map(
          (body.STEPS ?? []).map((a) => [
            localDateOf(Date.parse(a.periodStart), timezoneId),
            a.value,
          ]),
        );
        for (let ago = 1; ago < DAYS; ago++) {
          const day = daysAgo(ago);
          expect(server.get(day) ?? 0).toBeCloseTo(file.expected.stepsByDay.get(day) ?? 0, 6);
        }
      }).toPass({ timeout: 60_000, intervals: [1000, 2000, 3000] });
      // Today as well, once the server's rollup includes this device's upload.
      await dashboard.nav('Today').click();
      await dashboard.expectLoaded();
      await expect(async () => {
        const shown = await dashboard.figuresShown();
        expect((await serverSummary(request)).metrics.STEPS).toBe(shown.STEPS);
      }).toPass({ timeout: 60_000, intervals: [1000, 2000, 3000] });
    });

    test('importing the same export again changes nothing already stored', async () => {
      const importPage = await ImportPage.open(dashboard);
      await importPage.importAnother();
      await importPage.choose(file.path);
      const { headline, new: added } = await importPage.expectFinished();
      // Only what has happened since the first import is new (the export runs to midnight).
      expect(headline).not.toContain('updated');
      expect(headline).toContain(`${integer.format(firstAdded)} already in Hearth`);
      expect(firstAdded + added).toBeLessThanOrEqual(file.expected.keptAt(Date.now()));
      await importPage.expectSynced();
    });
  });
}
