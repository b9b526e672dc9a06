import { expect, test, type APIRequestContext } from '@playwright/test';
import type { DeviceSyncResponse } from '@hearth/schema';
import { newAccount, SignUpPage } from '../support/pages/AuthPages.js';
import { ManualEntryPage } from '../support/pages/ManualEntryPage.js';
import { serverSummary } from '../support/server.js';

// Honest data: a sample that ends more than a few minutes after now is refused, with the same
// rule in the app's manual entry and on the device API (core/src/normalize/sample-times.ts).
const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
];
const HOUR_MS = 3_600_000;

/** `YYYY-MM-DDTHH:mm` of an instant in UTC, the zone these browsers run in. */
function localInput(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 16);
}

async function syncAsNewScale(request: APIRequestContext, samples: object[]) {
  const created = await request.post('/api/v1/devices', {
    data: { name: 'Bathroom scale', kind: 'third_party_scale' },
  });
  expect(created.status()).toBe(201);
  const device = (await created.json()) as { id: string; token: string };
  const response = await request.post(`/api/v1/devices/${device.id}/sync`, {
    headers: { authorization: `Bearer ${device.token}` },
    data: { samples },
  });
  expect(response.ok()).toBe(true);
  return (await response.json()) as DeviceSyncResponse;
}

for (const { name, viewport } of VIEWPORTS) {
  test.describe(`future samples on a ${name}`, () => {
    test.use({ viewport, timezoneId: 'UTC' });

    test('manual entry and the device API both refuse a sample that has not happened yet', async ({
      page,
      context,
    }) => {
      test.setTimeout(120_000);
      const dashboard = await (await new SignUpPage(page).open()).signUp(newAccount());
      await dashboard.expectSynced();

      const entry = await ManualEntryPage.open(dashboard);
      const now = Date.now();
      await page.getByLabel('What').selectOption({ label: 'Steps' });
      await page.getByLabel('Value').fill('800');
      await page.getByLabel('From').fill(localInput(now + HOUR_MS));
      await page.getByLabel('Until').fill(localInput(now + 2 * HOUR_MS));
      await page.getByRole('button', { name: 'Save entry' }).click();
      await expect(page.getByText('That time has not happened yet.')).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: /^Saved Steps/ })).toHaveCount(0);
      await expect(entry.syncStatus.getByText(/waiting to upload/i)).toHaveCount(0);

      // A weighing a minute ago (on today, even just after midnight) and one an hour ahead.
      const past = new Date(
        Math.max(now - 60_000, Date.parse(`${localInput(now).slice(0, 10)}T00:00Z`)),
      );
      const answer = await syncAsNewScale(context.request, [
        {
          type: 'WEIGHT',
          value: 71.5,
          unit: 'kg',
          startDate: past.toISOString(),
          endDate: past.toISOString(),
        },
        {
          type: 'WEIGHT',
          value: 70.1,
          unit: 'kg',
          startDate: new Date(now + HOUR_MS).toISOString(),
          endDate: new Date(now + HOUR_MS).toISOString(),
        },
      ]);
      expect(answer.synced).toBe(1);
      expect(answer.errorDetails).toEqual([
        expect.objectContaining({ index: 1, code: 'sample-in-future' }),
      ]);
      await expect(async () => {
        expect((await serverSummary(context.request)).metrics.WEIGHT).toBe(71.5);
      }).toPass({ timeout: 60_000 });
    });
  });
}
