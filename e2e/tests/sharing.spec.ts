import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { afternoonZone } from '../support/clock.js';
import { newAccount, SignUpPage } from '../support/pages/AuthPages.js';
import type { AppShell } from '../support/pages/AppShell.js';
import { serverSummary } from '../support/server.js';

// The owner creates a link in the app; a clinician opens it in a browser that never signed in.
test.describe.configure({ mode: 'serial' });

const timezoneId = afternoonZone();
let owner: BrowserContext;
let clinician: BrowserContext;
let sharing: SharingPage;
let shareUrl: string;

/** The owner's sharing screen. */
class SharingPage {
  readonly links: Locator;

  static async open(shell: AppShell): Promise<SharingPage> {
    await shell.nav('Sharing').click();
    await expect(shell.page.getByRole('heading', { name: 'Sharing', level: 1 })).toBeVisible();
    return new SharingPage(shell.page);
  }

  constructor(readonly page: Page) {
    this.links = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { level: 3 }) });
  }

  /** Fills the share dialog and returns the link it shows (once). */
  async createLink(options: { metrics: string[]; expiry: string; email: string }): Promise<string> {
    await this.page.getByRole('button', { name: 'New share link' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Share health data' });
    for (const metric of options.metrics) {
      await dialog.getByRole('checkbox', { name: metric, exact: true }).check();
    }
    await dialog.getByLabel('Link expires in').selectOption({ label: options.expiry });
    await dialog.getByLabel(/Recipient email/).fill(options.email);
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const created = this.page.getByRole('dialog', { name: 'Share link created' });
    const url = await created.getByLabel('Share link').inputValue();
    await created.getByRole('button', { name: 'Done' }).click();
    await expect(created).toBeHidden();
    return url;
  }

  link(metrics: string): Locator {
    return this.links.filter({ has: this.page.getByRole('heading', { name: metrics }) });
  }

  async reload(): Promise<this> {
    await this.page.reload();
    await expect(this.page.getByRole('heading', { name: 'Your share links' })).toBeVisible();
    return this;
  }
}

/** What the clinician sees at `/shared/:accessCode`. */
class SharedViewer {
  constructor(readonly page: Page) {}

  static async open(page: Page, url: string): Promise<SharedViewer> {
    await page.goto(url);
    return new SharedViewer(page);
  }

  metric(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }
}

test.beforeAll(async ({ browser }) => {
  owner = await browser.newContext({ timezoneId });
  clinician = await browser.newContext({ timezoneId, acceptDownloads: true });
});

test.afterAll(async () => {
  await owner.close();
  await clinician.close();
});

test('the owner creates a share link in the app', async () => {
  test.setTimeout(240_000);
  const page = await owner.newPage();
  const dashboard = await (await new SignUpPage(page).open()).signUp(newAccount());
  await dashboard.loadDemoData();
  await dashboard.expectSynced(120_000);
  // The viewer reads the server's day rollups: wait until the worker has computed today's.
  await expect(async () => {
    expect((await serverSummary(owner.request)).metrics.STEPS).toBeGreaterThan(0);
  }).toPass({ timeout: 60_000 });

  sharing = await SharingPage.open(dashboard);
  shareUrl = await sharing.createLink({
    metrics: ['Steps', 'Resting HR'],
    expiry: '7 days',
    email: 'dr.lee@clinic.example',
  });
  expect(shareUrl).toMatch(/\/shared\/[A-Za-z0-9_-]{43}$/);
  const link = sharing.link('Steps, Resting HR');
  await expect(link).toContainText('Active');
  await expect(link).toContainText('for dr.lee@clinic.example');
  await expect(link).toContainText('Never opened');
});

test('a clinician opens it in a fresh browser: summaries, charts and a CSV download', async () => {
  const page = await clinician.newPage();
  const viewer = await SharedViewer.open(page, shareUrl);
  await expect(page.getByRole('heading', { level: 1, name: /^Health data for / })).toBeVisible();
  for (const name of ['Steps', 'Resting HR']) {
    const section = viewer.metric(name);
    await expect(section.getByText('Daily average')).toBeVisible();
    await expect(section.getByRole('img', { name: new RegExp(`^${name} per day`) })).toBeVisible();
  }
  // Only what was shared.
  await expect(viewer.metric('Heart Rate')).toHaveCount(0);
  await expect(viewer.metric('Sleep')).toHaveCount(0);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^hearth-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const csv = await readFile(await download.path(), 'utf8');
  const [header, ...rows] = csv.trimEnd().split('\r\n');
  expect(header).toBe('type,metric,date,period_start,period_end,value,unit,min,max,sample_count');
  expect(rows.length).toBeGreaterThan(10);
  expect(new Set(rows.map((r) => r.split(',')[0]))).toEqual(
    new Set(['STEPS', 'RESTING_HEART_RATE']),
  );
});

test('the owner sees each access in the log, then revokes the link', async () => {
  await sharing.reload();
  const link = sharing.link('Steps, Resting HR');
  await expect(link).toContainText('Opened 2 times');
  await link.getByRole('button', { name: 'Access log' }).click();
  const log = link.getByRole('table');
  await expect(log.getByRole('row')).toHaveCount(3);
  await expect(log).toContainText('Viewer page');
  await expect(log).toContainText('CSV download');

  await link.getByRole('button', { name: 'Revoke' }).click();
  await link.getByRole('button', { name: 'Revoke now' }).click();
  await expect(link).toContainText('Revoked');
});

test('the revoked link no longer opens', async () => {
  const page = await clinician.newPage();
  await SharedViewer.open(page, shareUrl);
  await expect(page.getByRole('heading', { name: 'This link does not work' })).toBeVisible();
  await expect(page.getByText(/invalid, has expired or was revoked/)).toBeVisible();
});
