import { expect, test } from '@playwright/test';
import { afternoonZone, todayIn } from '../support/clock.js';
import { newAccount, SignInPage, SignUpPage } from '../support/pages/AuthPages.js';
import type { DashboardPage } from '../support/pages/DashboardPage.js';
import { ManualEntryPage } from '../support/pages/ManualEntryPage.js';
import { DaySamplesPage, deleteSourceData, SettingsPage } from '../support/pages/YourDataPages.js';

// The person's rights over their data (SPECIFICATION.md §14): the samples behind a figure,
// deleting one or a whole source's (seen on a second device), the full export read back,
// a new password, and deleting the account.

const timezoneId = afternoonZone();
const steps = (dashboard: DashboardPage) => dashboard.card('STEPS').getByTestId('metric-value');

for (const [name, viewport] of [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  test.describe(`your data on a ${name}`, () => {
    test.use({ viewport, timezoneId });

    test('deleting a sample and a source changes the totals on both devices', async ({
      page,
      browser,
    }) => {
      test.setTimeout(180_000);
      const today = todayIn(timezoneId);
      const account = newAccount();
      let dashboard = await (await new SignUpPage(page).open()).signUp(account);
      const entry = await ManualEntryPage.open(dashboard);
      await entry.addSteps({ steps: 500, from: `${today}T03:00`, until: `${today}T03:30` });
      await entry.addSteps({ steps: 700, from: `${today}T05:00`, until: `${today}T05:30` });
      dashboard = await entry.toDashboard();
      await dashboard.expectSynced();
      await expect(steps(dashboard)).toHaveAttribute('data-value', '1200');

      const other = await browser.newContext({ viewport, timezoneId });
      const otherDashboard = await new SignInPage(await other.newPage())
        .open()
        .then((p) => p.signIn(account));
      await expect(steps(otherDashboard)).toHaveAttribute('data-value', '1200', {
        timeout: 60_000,
      });

      const samples = await DaySamplesPage.fromCard(dashboard, 'Steps');
      await expect(samples.samples).toHaveCount(2);
      await samples.deleteSample('500 steps');
      await samples.editSample('700 steps', '650');
      await expect(samples.samples.filter({ hasText: '650 steps' })).toHaveCount(1);
      await samples.goTo('Today');
      await expect(steps(dashboard)).toHaveAttribute('data-value', '650');
      await dashboard.expectSynced();
      await expect(steps(otherDashboard)).toHaveAttribute('data-value', '650', {
        timeout: 60_000,
      });

      // The second device deletes the whole source; the first sees its total go.
      await deleteSourceData(otherDashboard, 'Manual entry');
      await otherDashboard.goTo('Today');
      await expect(steps(otherDashboard)).not.toHaveAttribute('data-value', '650');
      await expect(steps(dashboard)).not.toHaveAttribute('data-value', '650', { timeout: 60_000 });
      await other.close();
    });

    test('export everything and read it back, change the password, delete the account', async ({
      page,
    }) => {
      test.setTimeout(180_000);
      const today = todayIn(timezoneId);
      const account = newAccount();
      let dashboard = await (await new SignUpPage(page).open()).signUp(account);
      const entry = await ManualEntryPage.open(dashboard);
      await entry.addSteps({ steps: 321, from: `${today}T02:00`, until: `${today}T02:20` });
      dashboard = await entry.toDashboard();
      await dashboard.expectSynced();
      await expect(steps(dashboard)).toHaveAttribute('data-value', '321');

      const settings = await SettingsPage.open(dashboard);
      const bundle = JSON.parse(await settings.download('Download everything as FHIR (JSON)')) as {
        resourceType: string;
        entry: Array<{ resource: { id: string; valueQuantity: { value: number } } }>;
      };
      expect(bundle.resourceType).toBe('Bundle');
      const sampleValues = bundle.entry
        .filter((e) => e.resource.id.startsWith('sample-'))
        .map((e) => e.resource.valueQuantity.value);
      expect(sampleValues).toEqual([321]);
      expect(bundle.entry.some((e) => e.resource.id.startsWith('rollup-'))).toBe(true);

      const csv = (await settings.download('Download everything as CSV')).split('\r\n');
      expect(csv[0]?.split(',')[0]).toBe('record');
      const sampleRows = csv.filter((l) => l.startsWith('sample,STEPS,'));
      expect(sampleRows).toHaveLength(1);
      expect(sampleRows[0]).toContain(',321,');

      const newPassword = 'quiet harbour lantern maple';
      await settings.changePassword(account.password, newPassword);
      await settings.deleteAccount(account.email, newPassword);
      await page.getByLabel('Email').fill(account.email);
      await page.getByLabel('Password').fill(newPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expect(page).toHaveURL(/\/signin/);
    });
  });
}
