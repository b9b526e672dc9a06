import { writeFile } from 'node:fs/promises';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { afternoonZone, todayIn } from '../support/clock.js';
import { newAccount, SignUpPage } from '../support/pages/AuthPages.js';
import type { DashboardPage } from '../support/pages/DashboardPage.js';
import { SettingsPage } from '../support/pages/YourDataPages.js';
import { createShareLink } from '../support/shareLinks.js';

// The doctor's print (client/src/sharing/print.css): a share link of three metrics over 30 days
// prints on ONE sheet of A4 and of US Letter, with whose data it is, the dates and every chart.
// And the owner's own screens print their content without the app's navigation.
test.describe.configure({ mode: 'serial' });

const timezoneId = afternoonZone();
const METRICS = ['Steps', 'Resting HR', 'Sleep'];
let owner: BrowserContext;
let dashboard: DashboardPage;
let viewerPath: string;

/**
 * The pages of a PDF as Chromium writes it: one `/Type /Page` dictionary per page, beside the
 * `/Type /Pages` tree nodes (Chromium does not hide page objects in compressed object streams).
 */
function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
}

/** The printable width of each sheet in CSS px (96 to the inch), inside print.css's 10 mm margins. */
const PRINTABLE_WIDTH = {
  A4: Math.floor(((210 - 20) / 25.4) * 96),
  Letter: Math.floor(((215.9 - 20) / 25.4) * 96),
};

/**
 * What would be cut off at the sheet's side edges, laid out at its printable width: the page
 * scrolling sideways, or an element of `selector` reaching past the right edge.
 */
async function cutOffOnPaper(page: Page, format: 'A4' | 'Letter', selector: string) {
  await page.setViewportSize({ width: PRINTABLE_WIDTH[format], height: 1000 });
  return page.evaluate((selector) => {
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > width) {
      problems.push(`the page is ${document.documentElement.scrollWidth} px wide, not ${width}`);
    }
    for (const el of document.querySelectorAll(selector)) {
      const { right } = el.getBoundingClientRect();
      if (right > width + 0.5) problems.push(`${el.textContent?.slice(0, 30)} ends at ${right} px`);
    }
    return problems;
  }, selector);
}

/** Prints the page as Chromium's "Save as PDF" would, keeps the file, and counts its pages. */
async function printedPages(page: Page, format: 'A4' | 'Letter', name: string): Promise<number> {
  const pdf = await page.pdf({ format, printBackground: true, preferCSSPageSize: true });
  await writeFile(test.info().outputPath(`${name}-${format}.pdf`), pdf);
  return pageCount(pdf);
}

test.beforeAll(async ({ browser }) => {
  owner = await browser.newContext({
    timezoneId,
    locale: 'en-GB',
    viewport: { width: 1280, height: 800 },
  });
});

test.afterAll(async () => {
  await owner.close();
});

test('the owner names themselves and shares three metrics over 30 days', async () => {
  test.setTimeout(240_000);
  const page = await owner.newPage();
  dashboard = await (await new SignUpPage(page).open()).signUp(newAccount());
  await dashboard.loadDemoData();
  await dashboard.expectSynced(120_000);
  await SettingsPage.open(dashboard);
  await page.getByLabel('Display name').fill('Ada Lovelace');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText('Saved. Your share links now say')).toBeVisible();
  // Thirty finished days, ending yesterday: the share dialog's default end.
  viewerPath = await createShareLink(page.request, {
    dataTypes: ['STEPS', 'RESTING_HEART_RATE', 'SLEEP_ANALYSIS'],
    dateStart: todayIn(timezoneId, new Date(Date.now() - 30 * 86_400_000)),
    dateEnd: todayIn(timezoneId, new Date(Date.now() - 86_400_000)),
  });
});

test('the viewer prints on one page of A4 and of Letter, with name, dates and charts', async ({
  browser,
}) => {
  const clinician = await browser.newContext({
    timezoneId,
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
  });
  try {
    const page = await clinician.newPage();
    await page.goto(viewerPath);
    const heading = page.getByRole('heading', { level: 1, name: /^Health data for / });
    await expect(heading).toBeVisible();
    for (const name of METRICS) {
      await expect(page.getByRole('img', { name: new RegExp(`^${name} per day`) })).toBeVisible();
    }

    await page.emulateMedia({ media: 'print' });
    // What the paper holds: the name, the range (30 days, so two dates), and each chart drawn.
    await expect(page.getByText('Shared by Ada Lovelace')).toBeVisible();
    await expect(heading).toHaveText(/\d{4}.*\d{4}|\d.*–.*\d/);
    for (const name of METRICS) {
      const chart = page.getByRole('img', { name: new RegExp(`^${name} per day`) });
      await expect(chart).toBeVisible();
      expect((await chart.boundingBox())!.height).toBeGreaterThan(40);
    }
    await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();

    // Printed from a wide window (the charts drawn at its width, scaled onto paper) and laid out
    // at the sheet's own width (the charts redrawn for it): one page each time, nothing cut off.
    for (const format of ['A4', 'Letter'] as const) {
      await page.setViewportSize({ width: 1280, height: 800 });
      expect(await printedPages(page, format, 'viewer-wide'), format).toBe(1);
      expect(await cutOffOnPaper(page, format, '.shared-metric')).toEqual([]);
      expect(await printedPages(page, format, 'viewer-paper'), format).toBe(1);
    }
  } finally {
    await clinician.close();
  }
});

test('the owner’s dashboard and trends print their content without the navigation', async () => {
  const page = dashboard.page;
  for (const [screen, heading] of [
    ['Today', /^Today$/],
    ['Trends', / trends$/],
  ] as const) {
    await dashboard.goTo(screen);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole('navigation')).toHaveCount(0);
    for (const format of ['A4', 'Letter'] as const) {
      expect(await cutOffOnPaper(page, format, 'main > *')).toEqual([]);
      expect(await printedPages(page, format, screen), `${screen}, ${format}`).toBeGreaterThan(0);
    }
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});
