import { expect, test, type Browser, type Page } from '@playwright/test';
import { afternoonZone, todayIn } from '../support/clock.js';
import { newAccount, SignUpPage } from '../support/pages/AuthPages.js';
import type { DashboardPage } from '../support/pages/DashboardPage.js';
import { ManualEntryPage } from '../support/pages/ManualEntryPage.js';
import { DaySamplesPage, SettingsPage } from '../support/pages/YourDataPages.js';

// Units and locale (client/src/format): a US browser reads pounds, miles and a 12-hour clock
// without choosing anything; a choice in Settings → Units changes every screen at once and holds
// through a reload and offline; a British browser enters weight in stones and pounds. On a
// desktop and on a phone.
const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
];
const TWELVE_HOUR = /\d{1,2}:\d{2}\s?[AP]M/;

async function signUp(
  browser: Browser,
  locale: string,
  viewport: { width: number; height: number },
) {
  const timezoneId = afternoonZone();
  const context = await browser.newContext({ locale, timezoneId, viewport });
  const page = await context.newPage();
  const dashboard = await (await new SignUpPage(page).open()).signUp(newAccount());
  return { context, page, dashboard, today: todayIn(timezoneId) };
}

/** Picks a display unit in Settings → Units and saves it (on this device first). */
async function chooseUnit(page: Page, dashboard: DashboardPage, metric: string, unit: string) {
  await SettingsPage.open(dashboard);
  const units = page.getByRole('region', { name: 'Units' });
  await units.getByLabel(metric, { exact: true }).selectOption(unit);
  await units.getByRole('button', { name: 'Save units' }).click();
  await expect(units.getByRole('status')).toContainText('saved');
}

const cardValue = (dashboard: DashboardPage, type: 'WEIGHT' | 'DISTANCE') =>
  dashboard.card(type).getByTestId('metric-value');

for (const { name, viewport } of VIEWPORTS) {
  test.describe(`units and locale on a ${name}`, () => {
    test('a US browser reads lb, mi and a 12-hour clock; kg chosen in Settings holds through a reload and offline', async ({
      browser,
    }) => {
      test.setTimeout(420_000);
      const { context, page, dashboard, today } = await signUp(browser, 'en-US', viewport);
      // The demo history is written in the browser: on a loaded machine it takes minutes.
      await page.getByRole('button', { name: 'Load demo data' }).click();
      await expect(page.getByText(/^Demo data loaded/)).toBeVisible({ timeout: 180_000 });
      await dashboard.expectLoaded();
      // The demo person weighs in most mornings and walks every day: today or their latest day.
      await expect(cardValue(dashboard, 'WEIGHT')).toContainText(/\d lb\b/);
      await expect(cardValue(dashboard, 'DISTANCE')).toContainText(/\d mi\b/);

      // Manual entry starts in the region's units, by their friendly names.
      const entry = await ManualEntryPage.open(dashboard);
      const what = page.getByLabel('What');
      const unit = page.getByLabel('Unit', { exact: true });
      await what.selectOption({ label: 'Weight' });
      await expect(unit).toHaveValue('lb');
      await expect(unit.locator('option:checked')).toHaveText('pounds (lb)');
      await what.selectOption({ label: 'Distance' });
      await expect(unit).toHaveValue('mi');
      await what.selectOption({ label: 'Weight' });
      await page.getByLabel('Value').fill('150');
      await page.getByLabel('When').fill(`${today}T03:00`);
      await page.getByRole('button', { name: 'Save entry' }).click();
      await expect(page.getByRole('status').filter({ hasText: /^Saved Weight/ })).toBeVisible();

      // The day's samples: the entry in pounds at a 12-hour time, its editor in pounds too.
      await entry.toDashboard();
      const samples = await DaySamplesPage.fromCard(dashboard, 'Weight');
      const mine = samples.samples.filter({ hasText: '150 lb' });
      await expect(mine).toContainText('3:00 AM');
      await mine.getByRole('button', { name: /^Edit/ }).click();
      await expect(mine.getByLabel('New weight value (lb)')).toHaveValue('150');
      await mine.getByRole('button', { name: 'Cancel' }).click();

      // Trends by the hour: the axis and the tooltip keep the 12-hour clock.
      await page.goto('/trends/heart-rate');
      const periods = page.getByRole('group', { name: 'Period' });
      await periods.getByRole('button', { name: 'Hour' }).click();
      await expect(
        page.locator('.chart svg text').filter({ hasText: TWELVE_HOUR }).first(),
      ).toBeVisible();
      await page.getByRole('group', { name: /chart\. Use the left and right/ }).press('End');
      await expect(page.locator('.chart-tooltip')).toContainText(TWELVE_HOUR);

      // Kilograms chosen in Settings: the dashboard follows at once, with no reload…
      await page.goto('/');
      await dashboard.expectLoaded();
      await chooseUnit(page, dashboard, 'Weight', 'kg');
      await dashboard.goTo('Today');
      await dashboard.expectLoaded();
      await expect(cardValue(dashboard, 'WEIGHT')).toContainText(/\d kg\b/);
      await expect(cardValue(dashboard, 'DISTANCE')).toContainText(/\d mi\b/);
      // …and after one.
      await page.reload();
      await dashboard.expectLoaded();
      await expect(cardValue(dashboard, 'WEIGHT')).toContainText(/\d kg\b/);

      // Offline: the reload comes from the service worker and the local replica, still in kg,
      // and a new choice made offline shows at once.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await context.setOffline(true);
      await page.reload();
      await dashboard.expectLoaded();
      await dashboard.expectOffline();
      await expect(cardValue(dashboard, 'WEIGHT')).toContainText(/\d kg\b/);
      await chooseUnit(page, dashboard, 'Distance', 'km');
      await dashboard.goTo('Today');
      await expect(cardValue(dashboard, 'DISTANCE')).toContainText(/\d (km|m)\b/);
      await context.setOffline(false);
      await dashboard.expectSynced(120_000);
      await context.close();
    });

    test('a British browser enters and edits weight in stones and pounds', async ({ browser }) => {
      test.setTimeout(150_000);
      const { context, page, dashboard, today } = await signUp(browser, 'en-GB', viewport);
      await dashboard.expectSynced();
      await ManualEntryPage.open(dashboard);
      await page.getByLabel('What').selectOption({ label: 'Weight' });
      await expect(page.getByLabel('Unit', { exact: true })).toHaveValue('st');
      await page.getByLabel('Value (stones)').fill('11');
      await page.getByLabel('And pounds').fill('4');
      await page.getByLabel('When').fill(`${today}T07:30`);
      await page.getByRole('button', { name: 'Save entry' }).click();
      await expect(page.getByRole('status').filter({ hasText: /^Saved Weight/ })).toBeVisible();

      await dashboard.goTo('Today');
      await dashboard.expectLoaded();
      await expect(cardValue(dashboard, 'WEIGHT')).toContainText('11 st 4 lb');
      // 24-hour clock as en-GB writes it ("07:30", never "7:30") and stones and pounds in the
      // day's list; the editor opens on both fields.
      const samples = await DaySamplesPage.fromCard(dashboard, 'Weight');
      const mine = samples.samples.filter({ hasText: '11 st 4 lb' });
      await expect(mine).toContainText(/(^|\D)07:30/);
      await expect(mine).not.toContainText(/[AP]M/);
      await mine.getByRole('button', { name: /^Edit/ }).click();
      await expect(mine.getByLabel('New weight value (stones)')).toHaveValue('11');
      await expect(mine.getByLabel('And pounds')).toHaveValue('4');
      await mine.getByLabel('And pounds').fill('10');
      await mine.getByRole('button', { name: 'Save' }).click();
      await expect(samples.samples.filter({ hasText: '11 st 10 lb' })).toHaveCount(1);
      await context.close();
    });
  });
}
