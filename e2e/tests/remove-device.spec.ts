import { expect, test, type APIRequestContext, type BrowserContextOptions } from '@playwright/test';
import { afternoonZone } from '../support/clock.js';
import { newAccount, SignUpPage } from '../support/pages/AuthPages.js';
import type { DashboardPage } from '../support/pages/DashboardPage.js';
import { DevicesPage } from '../support/pages/DevicesPage.js';

// "Removing a device asks whether to keep or delete its data" (client/src/pages/devices/
// RemoveDevicePrompt.tsx), on a desktop and on a phone: kept data still counts in the totals and
// stays listed, rankable and deletable under its removed source (SPECIFICATION.md §14); deleted
// data leaves them.
const timezoneId = afternoonZone();
const SCREENS: { name: string; options: BrowserContextOptions }[] = [
  { name: 'desktop', options: { viewport: { width: 1280, height: 800 } } },
  {
    name: 'phone',
    options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  },
];
const MINUTE_MS = 60_000;

/** A pedometer that uploads one walk of `steps`, `hoursAgo` before now (early afternoon today). */
async function pedometerWalk(
  request: APIRequestContext,
  name: string,
  steps: number,
  hoursAgo: number,
) {
  const created = await request.post('/api/v1/devices', {
    data: { name, kind: 'third_party_wearable' },
  });
  expect(created.status()).toBe(201);
  const device = (await created.json()) as { id: string; token: string };
  const start = Date.now() - hoursAgo * 60 * MINUTE_MS;
  const response = await request.post(`/api/v1/devices/${device.id}/sync`, {
    headers: { authorization: `Bearer ${device.token}` },
    data: {
      samples: [
        {
          type: 'STEPS',
          value: steps,
          unit: 'count',
          startDate: new Date(start).toISOString(),
          endDate: new Date(start + 10 * MINUTE_MS).toISOString(),
        },
      ],
    },
  });
  expect(response.ok()).toBe(true);
}

async function expectSteps(dashboard: DashboardPage, value: string) {
  await dashboard.goTo('Today');
  await expect(dashboard.card('STEPS').getByTestId('metric-value')).toHaveAttribute(
    'data-value',
    value,
    { timeout: 60_000 },
  );
}

for (const screen of SCREENS) {
  test(`removing a device on a ${screen.name} asks to keep or delete its data`, async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const context = await browser.newContext({ ...screen.options, timezoneId });
    try {
      const page = await context.newPage();
      const dashboard = await (await new SignUpPage(page).open()).signUp(newAccount());
      await pedometerWalk(context.request, 'Pedometer A', 300, 3);
      await pedometerWalk(context.request, 'Pedometer B', 500, 2);
      await pedometerWalk(context.request, 'Pedometer C', 100, 1);
      // Three walks an hour apart: all count.
      await expectSteps(dashboard, '900');

      const devices = await DevicesPage.open(dashboard);
      await page.getByRole('button', { name: 'Remove Pedometer A' }).click();
      await expect(page.getByRole('heading', { name: 'Remove Pedometer A?' })).toBeVisible();
      await page.getByRole('button', { name: 'Remove, keep its data' }).click();
      // Its kept data stays a source, under its name: ranked, marked removed, no Remove button.
      const removedRow = devices.devices.getByRole('listitem').filter({ hasText: 'Pedometer A' });
      await expect(removedRow).toContainText('removed');
      await expect(page.getByRole('button', { name: 'Remove Pedometer A' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Move Pedometer A up' })).toBeVisible();
      await expectSteps(dashboard, '900');

      await DevicesPage.open(dashboard);
      await page.getByRole('button', { name: 'Remove Pedometer B' }).click();
      await page.getByRole('button', { name: 'Remove and delete its data' }).click();
      await expect(devices.devices.getByText('Pedometer B')).toHaveCount(0);
      await expectSteps(dashboard, '400');

      await DevicesPage.open(dashboard);
      const sources = page.getByRole('region', { name: 'Data by source' });
      await expect(sources.getByRole('listitem').filter({ hasText: 'Pedometer A' })).toContainText(
        '(removed)',
      );
      await sources
        .getByRole('button', { name: /^Delete this source’s data\s*: Pedometer A$/ })
        .click();
      await sources.getByRole('button', { name: 'Yes, delete its data' }).click();
      await expect(sources.getByRole('status')).toHaveText('Deleted 1 sample from Pedometer A.');
      // With its data gone, the removed device is no source any more.
      await expect(devices.devices.getByText('Pedometer A')).toHaveCount(0);
      await expect(sources.getByRole('listitem').filter({ hasText: 'Pedometer A' })).toHaveCount(0);
      await expectSteps(dashboard, '100');
    } finally {
      await context.close();
    }
  });
}
