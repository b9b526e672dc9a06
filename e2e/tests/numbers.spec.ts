import { expect, test, type Browser, type Page } from '@playwright/test';
import { afternoonZone, justAfterMidnightZone, todayIn } from '../support/clock.js';
import { newAccount, SignUpPage } from '../support/pages/AuthPages.js';
import { serverSummary } from '../support/server.js';

// Honest numbers: today is "so far" and never a lowest day; the morning dashboard shows the
// latest values. On a desktop and on a phone.
const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
];

async function signedUpWithDemo(
  browser: Browser,
  timezoneId: string,
  viewport: { width: number; height: number },
) {
  const context = await browser.newContext({ timezoneId, viewport });
  const page = await context.newPage();
  const dashboard = await (await new SignUpPage(page).open()).signUp(newAccount());
  await dashboard.loadDemoData();
  return { context, page, dashboard };
}

async function createLinkEndingToday(page: Page, today: string) {
  // By address: on a phone the Sharing tab may sit behind the tab bar's overflow.
  await page.goto('/sharing');
  await expect(page.getByRole('heading', { name: 'Sharing', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'New share link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share health data' });
  await dialog.getByRole('checkbox', { name: 'Steps', exact: true }).check();
  // The default ends yesterday: today is still being counted.
  const lastDay = dialog.getByLabel('Last day');
  await expect(lastDay).not.toHaveValue(today);
  await lastDay.fill(today);
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const created = page.getByRole('dialog', { name: 'Share link created' });
  const url = await created.getByLabel('Share link').inputValue();
  await created.getByRole('button', { name: 'Done' }).click();
  return url;
}

for (const { name, viewport } of VIEWPORTS) {
  test.describe(`honest numbers on a ${name}`, () => {
    test('right after midnight the dashboard shows the latest values, not empty cards', async ({
      browser,
    }) => {
      test.setTimeout(240_000);
      const { context, dashboard } = await signedUpWithDemo(
        browser,
        justAfterMidnightZone(),
        viewport,
      );
      await dashboard.expectLoaded();
      const cards = dashboard.figures.getByRole('listitem');
      await expect(cards).toHaveCount(10);
      await expect(dashboard.card('WEIGHT').getByTestId('metric-value')).toContainText(
        // In the browser's locale and region units: "71.3 kg · Thu 3 Dec", "157.2 lb · Thu, Dec 3".
        /(kg|lb) · \w{3},? (\d{1,2} \w{3}|\w{3} \d{1,2})/,
      );
      await expect(dashboard.card('RESTING_HEART_RATE').getByTestId('metric-value')).toContainText(
        / · /,
      );
      const empty = await cards.filter({ hasText: 'No data yet' }).count();
      expect(empty).toBeLessThanOrEqual(2);
      await context.close();
    });

    test('a clinician sees today as "so far", left out of the lowest day', async ({ browser }) => {
      test.setTimeout(300_000);
      const zone = afternoonZone();
      const today = todayIn(zone);
      const owner = await signedUpWithDemo(browser, zone, viewport);
      await owner.dashboard.expectSynced(120_000);
      await expect(async () => {
        expect((await serverSummary(owner.context.request)).metrics.STEPS).toBeGreaterThan(0);
      }).toPass({ timeout: 60_000 });
      const url = await createLinkEndingToday(owner.page, today);

      const clinician = await browser.newContext({ timezoneId: zone, viewport });
      const page = await clinician.newPage();
      await page.goto(url);
      const steps = page.getByRole('region', { name: 'Steps', exact: true });
      const todayLabel = new Intl.DateTimeFormat('en', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(Date.parse(`${today}T00:00:00Z`));
      await expect(steps.getByText(`${todayLabel}, so far`)).toBeVisible();
      const lowest = steps.locator('.shared-stat').filter({ hasText: 'Lowest day' });
      await expect(lowest).toBeVisible();
      await expect(lowest).not.toContainText(todayLabel);

      // The owner's trends say the same: today and this week are "so far", outside the figures.
      await owner.page.goto('/trends/steps');
      await expect(
        owner.page.getByText(/Today: [\d,]+ steps so far, not counted above\./),
      ).toBeVisible();
      await owner.page
        .getByRole('group', { name: 'Period' })
        .getByRole('button', { name: 'Week' })
        .click();
      await expect(
        owner.page.getByText(/This week: [\d,]+ steps so far, not counted above\./),
      ).toBeVisible();
      await owner.context.close();
      await clinician.close();
    });
  });
}
