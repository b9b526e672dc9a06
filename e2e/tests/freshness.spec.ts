import { expect, test, type Locator } from '@playwright/test';
import { afternoonZone, todayIn } from '../support/clock.js';
import { newAccount, SignUpPage } from '../support/pages/AuthPages.js';
import type { DashboardPage } from '../support/pages/DashboardPage.js';
import { ManualEntryPage } from '../support/pages/ManualEntryPage.js';

// The "computed on this device" mark is set while this device holds changes the server's
// rollups do not include, and clears once they do (SPECIFICATION.md §4): also after a
// neighbouring day's upload, which re-queues a day whose rollup value does not change.

const timezoneId = afternoonZone();
/** Long enough for a slow, shared machine to upload and roll up; the mark must then be gone. */
const CLEARS_WITHIN_MS = 45_000;

function yesterdayOf(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

const mark = (dashboard: DashboardPage): Locator =>
  dashboard.card('STEPS').getByText('Computed on this device');

for (const [name, viewport] of [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  test.describe(`freshness on a ${name}`, () => {
    test.use({ viewport, timezoneId });

    test('the mark shows for an offline entry and clears after sync, also after a neighbouring day', async ({
      page,
      context,
    }) => {
      test.setTimeout(150_000);
      const today = todayIn(timezoneId);
      let dashboard = await (await new SignUpPage(page).open()).signUp(newAccount());
      await dashboard.expectSynced();

      await context.setOffline(true);
      let entry = await ManualEntryPage.open(dashboard);
      await entry.addSteps({ steps: 500, from: `${today}T03:00`, until: `${today}T03:30` });
      dashboard = await entry.toDashboard();
      await dashboard.expectWaitingUploads();
      await expect(mark(dashboard)).toBeVisible();

      await context.setOffline(false);
      await dashboard.expectSynced();
      await expect(mark(dashboard)).toHaveCount(0, { timeout: CLEARS_WITHIN_MS });
      await expect(dashboard.card('STEPS').getByTestId('metric-value')).toHaveAttribute(
        'data-value',
        '500',
      );

      // Yesterday's entry touches today's rollup too (a sample may run into the next day):
      // today is marked again, and the server's unchanged rollup of today must clear it.
      entry = await ManualEntryPage.open(dashboard);
      const yesterday = yesterdayOf(today);
      await entry.addSteps({ steps: 300, from: `${yesterday}T20:00`, until: `${yesterday}T20:30` });
      dashboard = await entry.toDashboard();
      await dashboard.expectSynced();
      await expect(mark(dashboard)).toHaveCount(0, { timeout: CLEARS_WITHIN_MS });
      await page.reload();
      await dashboard.expectLoaded();
      await expect(mark(dashboard)).toHaveCount(0);
    });
  });
}
