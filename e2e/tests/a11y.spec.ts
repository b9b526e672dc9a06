import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { addLocalDays } from '@hearth/core';
import { appleHealthExportZip } from '@hearth/core/import';
import { HEALTH_DATA_TYPES } from '@hearth/schema';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { afternoonZone, todayIn } from '../support/clock.js';
import { newAccount, SignUpPage } from '../support/pages/AuthPages.js';
import { createShareLink } from '../support/shareLinks.js';

// axe-core (WCAG 2.1 A and AA) on every screen, in the light and the dark colour scheme, on a
// desktop and on a phone: no violation anywhere. A new screen is one more line in SCREENS.

type Who = 'owner' | 'visitor';
type Width = 'desktop' | 'phone';

type Screen = {
  name: string;
  /** Signed in as the demo account, or a browser that never signed in. */
  as: Who;
  path: () => string | Promise<string>;
  /** What has to show before the screen is checked (data loaded, not a "Loading…"). */
  ready: (page: Page) => Promise<void>;
  /** Puts the loaded screen into the state to check: a dialog open, say. */
  act?: (page: Page) => Promise<void>;
  /** Widths the state exists at (the "More" panel is the phone's). */
  widths?: Width[];
};

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
};
const chartDrawn = async (page: Page) => {
  await heading(/trends$/)(page);
  await expect(page.locator('.chart svg rect').first()).toBeVisible();
};

const timezoneId = afternoonZone();
const contexts = {} as Record<Who, BrowserContext>;
let shareUrl: string | undefined;
/** A small Apple Health export (with a watch's sleep stages) for the import summary. */
const exportDir = mkdtempSync(join(tmpdir(), 'hearth-a11y-'));
const exportZip = join(exportDir, 'export.zip');
const slug = (type: string) => type.toLowerCase().replace(/_/g, '-');

/**
 * The demo account's share link, made when the first screen needs it: by then the upload that
 * began in beforeAll has had the other screens' time to finish.
 */
async function shareLink(): Promise<string> {
  if (!shareUrl) {
    const today = todayIn(timezoneId);
    shareUrl = await createShareLink(contexts.owner.request, {
      dataTypes: ['STEPS', 'HEART_RATE', 'SLEEP_ANALYSIS'],
      dateStart: addLocalDays(today, -30),
      dateEnd: addLocalDays(today, -1),
    });
  }
  return shareUrl;
}

const SCREENS: Screen[] = [
  { name: 'sign-in', as: 'visitor', path: () => '/signin', ready: heading('Sign in to Hearth') },
  {
    name: 'register',
    as: 'visitor',
    path: () => '/signup',
    ready: heading('Create your Hearth account'),
  },
  {
    name: 'dashboard',
    as: 'owner',
    path: () => '/',
    ready: async (page) => {
      await expect(page.getByRole('list', { name: 'Today’s figures' })).toBeVisible();
    },
  },
  {
    name: 'dashboard, "More" open',
    as: 'owner',
    path: () => '/',
    ready: heading('Today'),
    act: async (page) => {
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('button', { name: 'More' })
        .click();
    },
    widths: ['phone'],
  },
  {
    name: 'dashboard, card editor open',
    as: 'owner',
    path: () => '/',
    ready: heading('Today'),
    act: async (page) => {
      await page.getByRole('button', { name: 'Arrange cards' }).click();
      await expect(page.getByRole('heading', { name: 'Arrange your cards' })).toBeVisible();
    },
  },
  { name: 'trends', as: 'owner', path: () => '/trends', ready: chartDrawn },
  {
    name: 'trends, tooltip shown',
    as: 'owner',
    path: () => '/trends/heart-rate',
    ready: chartDrawn,
    act: async (page) => {
      await page.getByRole('group', { name: /chart\. Use the left and right/ }).press('End');
      await expect(page.locator('.chart-tooltip')).toBeVisible();
    },
  },
  { name: 'devices', as: 'owner', path: () => '/devices', ready: heading('Devices') },
  { name: 'entry', as: 'owner', path: () => '/entry', ready: heading('Add an entry') },
  {
    name: 'insights',
    as: 'owner',
    path: () => '/insights',
    ready: async (page) => {
      await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    },
  },
  { name: 'settings', as: 'owner', path: () => '/settings', ready: heading('Settings') },
  {
    // The Units section saved with stones: the goals then ask for stones and pounds.
    name: 'settings, units in stones and pounds',
    as: 'owner',
    path: () => '/settings',
    ready: heading('Settings'),
    act: async (page) => {
      const units = page.getByRole('region', { name: 'Units' });
      await units.getByLabel('Weight', { exact: true }).selectOption('st');
      await units.getByRole('button', { name: 'Save units' }).click();
      await expect(units.getByRole('status')).toContainText('saved');
      await expect(page.getByLabel('Weight (stones)')).toBeVisible();
    },
  },
  { name: 'import', as: 'owner', path: () => '/import', ready: heading('Import') },
  {
    name: 'import, summary',
    as: 'owner',
    path: () => '/import',
    ready: heading('Import'),
    act: async (page) => {
      await page
        .getByLabel('Apple Health export (export.zip or export.xml)')
        .setInputFiles(exportZip);
      await expect(page.getByRole('region', { name: 'Import finished' })).toBeVisible({
        timeout: 60_000,
      });
    },
  },
  ...HEALTH_DATA_TYPES.map((type): Screen => ({
    name: `trends, ${slug(type)}`,
    as: 'owner',
    path: () => `/trends/${slug(type)}`,
    ready: chartDrawn,
  })),
  {
    // The night's hypnogram and the stage bars under the sleep chart (after the import above).
    name: 'trends, sleep stages',
    as: 'owner',
    path: () => '/trends/sleep-analysis',
    ready: async (page) => {
      await chartDrawn(page);
      await expect(
        page.getByRole('region', { name: 'Sleep stages' }).locator('figure > svg'),
      ).toBeVisible();
    },
    act: async (page) => {
      await page.getByText('Show the stages as a table').click();
    },
  },
  {
    name: 'day data',
    as: 'owner',
    path: () => '/data/steps/today',
    ready: async (page) => {
      await expect(page.getByRole('list', { name: 'Samples' })).toBeVisible();
    },
  },
  {
    name: 'day data, delete asked',
    as: 'owner',
    path: () => '/data/steps/today',
    ready: async (page) => {
      await expect(page.getByRole('list', { name: 'Samples' })).toBeVisible();
    },
    act: async (page) => {
      const samples = page.getByRole('list', { name: 'Samples' });
      await samples
        .getByRole('button', { name: /^Delete/ })
        .first()
        .click();
      await expect(samples.getByRole('group', { name: /^Delete / })).toBeVisible();
    },
    // A day's hundreds of samples take axe ~10 s a pass: the confirmation is a phone's check.
    widths: ['phone'],
  },
  {
    name: 'devices, remove asked',
    as: 'owner',
    path: () => '/devices',
    ready: heading('Devices'),
    act: async (page) => {
      await page
        .getByRole('button', { name: /^Remove / })
        .first()
        .click();
      await expect(page.getByRole('alertdialog')).toBeVisible();
    },
  },
  {
    name: 'devices, deleting a source’s data asked',
    as: 'owner',
    path: () => '/devices',
    ready: heading('Devices'),
    act: async (page) => {
      const sources = page.getByRole('region', { name: 'Data by source' });
      await sources
        .getByRole('button', { name: /^Delete this source/ })
        .first()
        .click();
      await expect(sources.getByRole('group', { name: /^Delete all data from / })).toBeVisible();
    },
  },
  {
    name: 'share viewer',
    as: 'visitor',
    path: shareLink,
    ready: async (page) => {
      await expect(page.getByRole('img', { name: /^Steps per day/ })).toBeVisible();
    },
  },
  { name: '404', as: 'visitor', path: () => '/no-such-page', ready: heading('Page not found') },
  {
    name: 'sharing',
    as: 'owner',
    path: () => '/sharing',
    ready: async (page) => {
      await expect(page.getByRole('heading', { level: 3 }).first()).toBeVisible();
    },
  },
  {
    name: 'sharing, new link dialog',
    as: 'owner',
    path: () => '/sharing',
    ready: heading('Sharing'),
    act: async (page) => {
      await page.getByRole('button', { name: 'New share link' }).click();
      await expect(page.getByRole('dialog', { name: 'Share health data' })).toBeVisible();
    },
  },
  {
    name: 'sharing, link created',
    as: 'owner',
    path: () => '/sharing',
    ready: heading('Sharing'),
    act: async (page) => {
      await page.getByRole('button', { name: 'New share link' }).click();
      const form = page.getByRole('dialog', { name: 'Share health data' });
      await form.getByRole('checkbox', { name: 'Steps', exact: true }).check();
      await form.getByRole('button', { name: 'Create link' }).click();
      await expect(page.getByRole('dialog', { name: 'Share link created' })).toBeVisible();
    },
  },
];

const VIEWPORTS: Record<Width, { width: number; height: number }> = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
};
const SCHEMES = ['light', 'dark'] as const;
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Every violation as "rule: element, element", so a failure names what to fix. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** Checks the page as it is now in each scheme at each width it exists at. */
async function expectNoViolations(page: Page, widths: Width[], what: string): Promise<void> {
  for (const width of widths) {
    await page.setViewportSize(VIEWPORTS[width]);
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme });
      // One frame, so resized charts are redrawn before axe reads them.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
      expect.soft(await violations(page), `${what}, ${width}, ${colorScheme}`).toEqual([]);
    }
  }
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const zip = appleHealthExportZip({
    seed: 'e2e-a11y',
    endDate: todayIn(timezoneId),
    days: 3,
    timeZone: timezoneId,
  });
  writeFileSync(exportZip, Buffer.concat([...zip]));
  contexts.owner = await browser.newContext({ timezoneId });
  contexts.visitor = await browser.newContext({ timezoneId });
  const page = await contexts.owner.newPage();
  const dashboard = await (await new SignUpPage(page).open()).signUp(newAccount());
  await dashboard.loadDemoData();
  // The upload goes on in this page while the screens are checked; the viewer waits for it.
  await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
});

test.afterAll(async () => {
  await contexts.owner.close();
  await contexts.visitor.close();
  rmSync(exportDir, { recursive: true, force: true });
});

for (const screen of SCREENS) {
  test(`axe: ${screen.name}`, async () => {
    const page = await contexts[screen.as].newPage();
    await page.goto(await screen.path());
    await screen.ready(page);
    const widths = screen.widths ?? ['desktop', 'phone'];
    if (screen.act) {
      await page.setViewportSize(VIEWPORTS[widths[0]!]);
      await screen.act(page);
    }
    await expectNoViolations(page, widths, screen.name);
    await page.close();
  });
}

test('axe: trends, every period and range', async () => {
  test.setTimeout(180_000);
  const page = await contexts.owner.newPage();
  await page.goto('/trends');
  await chartDrawn(page);
  const pickers = (group: string) => page.getByRole('group', { name: group }).getByRole('button');
  for (const period of await pickers('Period').allTextContents()) {
    await pickers('Period').filter({ hasText: period }).click();
    for (const range of await pickers('Range').allTextContents()) {
      await pickers('Range').filter({ hasText: range }).click();
      await chartDrawn(page);
      // Both widths are checked on the default range ("trends" above); every range on a phone,
      // where the chart is narrowest, keeps the sweep to a minute.
      await expectNoViolations(page, ['phone'], `trends, ${period}, ${range}`);
    }
  }
  await page.close();
});
