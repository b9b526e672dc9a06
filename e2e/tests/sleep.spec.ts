import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type BrowserContextOptions, type Page } from '@playwright/test';
import { afternoonZone, todayIn } from '../support/clock.js';
import { newAccount, SignUpPage } from '../support/pages/AuthPages.js';
import { ImportPage } from '../support/pages/ImportPage.js';
import { SettingsPage } from '../support/pages/YourDataPages.js';
import { createShareLink } from '../support/shareLinks.js';
import { writeSleepExport } from '../support/sleepExport.js';

// Sleep as people know it (client/src/pages/trends/SleepStagesView.tsx): an imported Apple
// Health night (a watch's stages inside a phone's time in bed) shows its stages with bedtime and
// wake time, the same as core computes from the same file; and a share link's viewer says whose
// data it is once the person set a display name. On a desktop and on a phone.
const timezoneId = afternoonZone();
const SCREENS: { name: string; options: BrowserContextOptions }[] = [
  { name: 'desktop', options: { viewport: { width: 1280, height: 800 } } },
  {
    name: 'phone',
    options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  },
];
// The locale's own short time: en-GB writes "07:05", with the leading zero.
const clock = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: timezoneId });
const weekName = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** Minutes as the app writes them: "7 h 05 min". */
function duration(minutes: number): string {
  const total = Math.round(minutes);
  const hours = Math.floor(total / 60);
  return hours > 0 ? `${hours} h ${String(total % 60).padStart(2, '0')} min` : `${total} min`;
}

/** The Monday of a night's ISO week, as the week's row names it ("Week of 30 November 2026"). */
function weekOf(night: string): string {
  const noon = Date.parse(`${night}T12:00:00Z`);
  const monday = noon - ((new Date(noon).getUTCDay() + 6) % 7) * 86_400_000;
  return `Week of ${weekName.format(monday)}`;
}

/** The export, and the last night core reads from it, as the app would draw it. */
function writeExport(dir: string) {
  const { path, nights } = writeSleepExport(dir, {
    seed: 'e2e-sleep',
    endDate: todayIn(timezoneId),
    days: 4,
    timeZone: timezoneId,
  });
  return { path, nights, last: nights[nights.length - 1] };
}

/** No WCAG 2.1 A/AA violation inside `selector`, in the light and the dark scheme. */
async function expectNoAxeViolations(page: Page, selector: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page })
      .include(selector)
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(
      results.violations.map((v) => v.id),
      `${selector}, ${colorScheme}`,
    ).toEqual([]);
  }
}

for (const screen of SCREENS) {
  test(`sleep stages and the viewer's display name on a ${screen.name}`, async ({ browser }) => {
    test.setTimeout(300_000);
    const dir = mkdtempSync(join(tmpdir(), 'hearth-sleep-'));
    try {
      const file = writeExport(dir);
      expect(file.last, 'the export has a night').toBeDefined();
      const night = file.last!;
      expect(night.stages.some((s) => s.stage === 'deep')).toBe(true);
      const context = await browser.newContext({ ...screen.options, timezoneId, locale: 'en-GB' });
      const page = await context.newPage();
      const dashboard = await (await new SignUpPage(page).open()).signUp(newAccount());
      const importPage = await ImportPage.open(dashboard);
      await importPage.choose(file.path);
      await importPage.expectFinished();

      await dashboard.goTo('Trends');
      await page.getByLabel('Metric').selectOption('SLEEP_ANALYSIS');
      const stages = page.getByRole('region', { name: 'Sleep stages' });
      await expect(stages.getByLabel('Night ending')).toHaveValue(night.night, {
        timeout: 60_000,
      });
      const [bedtime, wake] = [clock.format(night.bedtimeMs), clock.format(night.wakeMs)];
      expect(wake).toMatch(/^\d{2}:\d{2}$/);
      const times = stages.locator('.sleep-chart__times');
      await expect(times).toHaveText(`Bedtime ${bedtime}Wake time ${wake}`);
      await expect(stages.locator('figcaption')).toContainText(
        `bedtime ${bedtime}, wake time ${wake}.`,
      );
      await expect(stages.locator('figcaption')).toContainText('deep');
      // Drawn: a rectangle per stage piece and the in-bed band, inside the screen's width.
      const pieces = stages.locator('figure > svg rect.sleep-stage');
      await expect(pieces).toHaveCount(night.stages.length + night.inBed.length);
      const box = await stages.locator('figure > svg').boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(screen.options.viewport!.width);
      await stages.getByText('Show the stages as a table').click();
      const table = stages.getByRole('table', { name: 'Sleep stages by night' });
      await expect(table.locator('tbody tr').first().locator('td').nth(0)).toHaveText(bedtime);
      await expectNoAxeViolations(page, 'section.sleep-stages');

      // By the week: every night's stages still drawn and listed, and each week's daily average
      // taken over its finished nights with data (tonight's is still being counted), labelled.
      await page
        .getByRole('group', { name: 'Period' })
        .getByRole('button', { name: 'Week' })
        .click();
      await expect(stages.locator('.sleep-chart svg g rect.sleep-stage').first()).toBeAttached();
      await stages.getByText('Show the stages as a table').click();
      await expect(
        stages.getByRole('table', { name: 'Sleep stages by night' }).locator('tbody tr'),
      ).toHaveCount(file.nights.length);
      const today = todayIn(timezoneId);
      const byWeek = new Map<string, number[]>();
      for (const n of file.nights) byWeek.set(weekOf(n.night), []);
      for (const n of file.nights.filter((n) => n.night < today))
        byWeek.get(weekOf(n.night))!.push(n.asleepMinutes);
      await page.getByText('Show the figures as a table').click();
      const figures = page.getByRole('table', { name: / by week$/ });
      for (const [week, asleep] of byWeek) {
        const current = week === weekOf(today);
        const row = figures
          .getByRole('row')
          .filter({ has: page.getByRole('rowheader', { name: week }) });
        const label = `${asleep.length} ${asleep.length === 1 ? 'day' : 'days'} with data`;
        const mean = duration(asleep.reduce((a, b) => a + b, 0) / Math.max(1, asleep.length));
        await expect(row.getByRole('cell').nth(1)).toHaveText(
          asleep.length === 0
            ? 'No finished day'
            : `${mean} a day ${current ? 'so far' : 'on average'} (${label})`,
        );
      }

      // The week's chart, figures and nights, with their averages, pass axe too.
      await expectNoAxeViolations(page, 'main');

      // The display name, set in Settings, on the viewer of a share link.
      await SettingsPage.open(dashboard);
      await page.getByLabel('Display name').fill('Ada Lovelace');
      await page.getByRole('button', { name: 'Save name' }).click();
      await expect(page.getByText('Saved. Your share links now say')).toBeVisible();
      const dateStart = todayIn(timezoneId, new Date(Date.now() - 3 * 86_400_000));
      const dateEnd = todayIn(timezoneId, new Date(Date.now() - 86_400_000));
      const viewerPath = await createShareLink(page.request, {
        dataTypes: ['STEPS', 'SLEEP_ANALYSIS'],
        dateStart,
        dateEnd,
      });
      const clinician = await browser.newContext({ ...screen.options, timezoneId });
      const viewer = await clinician.newPage();
      await viewer.goto(viewerPath);
      await expect(viewer.getByText('Shared by Ada Lovelace')).toBeVisible();
      // Its daily average is of the shared nights with data, and says how many.
      const shared = file.nights.filter((n) => n.night >= dateStart && n.night <= dateEnd);
      const sleepSection = viewer.getByRole('region', { name: 'Sleep', exact: true });
      await expect(sleepSection).toContainText(
        `(average of ${shared.length} ${shared.length === 1 ? 'day' : 'days'} with data)`,
      );
      await clinician.close();

      // Offline, after a reload: Settings still shows the name, and a change says it must wait.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await context.setOffline(true);
      await page.reload();
      await dashboard.expectOffline();
      await expect(page.getByLabel('Display name')).toHaveValue('Ada Lovelace');
      await expect(page.getByText(/last read from the server/)).toBeVisible();
      await page.getByLabel('Display name').fill('Ada King');
      await page.getByRole('button', { name: 'Save name' }).click();
      await expect(page.getByRole('alert')).toContainText('This needs a connection');
      await context.setOffline(false);
      await context.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
