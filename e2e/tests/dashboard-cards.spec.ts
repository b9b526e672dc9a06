import { expect, test, type BrowserContextOptions } from '@playwright/test';
import { afternoonZone } from '../support/clock.js';
import type { DashboardPage } from '../support/pages/DashboardPage.js';
import { newAccount, SignInPage, SignUpPage } from '../support/pages/AuthPages.js';

// "Cards the person can reorder or hide" (client/src/pages/dashboard/CardEditor.tsx): arranged
// with the editor's buttons and boxes on a desktop and on a phone, kept after a reload (the
// replica) and followed by the person's other device (replicated settings).
const timezoneId = afternoonZone();
const SCREENS: { name: string; options: BrowserContextOptions }[] = [
  { name: 'desktop', options: { viewport: { width: 1280, height: 800 } } },
  {
    name: 'phone',
    options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  },
];

/** The dashboard's cards, top to bottom, by type. */
async function cardOrder(dashboard: DashboardPage): Promise<(string | null)[]> {
  return dashboard.figures
    .getByRole('listitem')
    .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-metric')));
}

for (const screen of SCREENS) {
  test(`cards moved and hidden on a ${screen.name} stay so and reach the other device`, async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const account = newAccount();
    const context = await browser.newContext({ ...screen.options, timezoneId });
    const other = await browser.newContext({ ...screen.options, timezoneId });
    try {
      const page = await context.newPage();
      const dashboard = await (await new SignUpPage(page).open()).signUp(account);
      await expect(dashboard.figures.getByRole('listitem')).toHaveCount(10);
      const before = await cardOrder(dashboard);
      expect(before.slice(0, 2)).toEqual(['STEPS', 'DISTANCE']);
      const expected = ['DISTANCE', 'STEPS', ...before.slice(2).filter((t) => t !== 'WEIGHT')];

      await page.getByRole('button', { name: 'Arrange cards' }).click();
      const editor = page.getByRole('list', { name: 'Dashboard cards, in order' });
      await editor.getByRole('button', { name: 'Move Distance up' }).click();
      await expect(page.getByText('Distance moved to place 1 of 10.')).toBeAttached();
      // Controlled by the stored arrangement: the box turns off once the replica holds it.
      await editor.getByLabel('Show Weight').click();
      await expect(editor.getByLabel('Show Weight')).not.toBeChecked();
      await expect(page.getByText('Weight hidden.')).toBeAttached();
      await page.getByRole('button', { name: 'Done' }).click();

      await expect(dashboard.figures.getByRole('listitem')).toHaveCount(9);
      expect(await cardOrder(dashboard)).toEqual(expected);
      await expect(dashboard.card('WEIGHT')).toHaveCount(0);
      await dashboard.expectSynced();

      await page.reload();
      await expect(dashboard.figures.getByRole('listitem')).toHaveCount(9);
      expect(await cardOrder(dashboard)).toEqual(expected);

      const elsewhere = await new SignInPage(await other.newPage())
        .open()
        .then((p) => p.signIn(account));
      await expect(async () => {
        expect(await cardOrder(elsewhere)).toEqual(expected);
      }).toPass({ timeout: 60_000 });
    } finally {
      await context.close();
      await other.close();
    }
  });
}
