import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addLocalDays } from '@hearth/core';
import { appleHealthExportZip } from '@hearth/core/import';
import { HEALTH_DATA_TYPES } from '@hearth/schema';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { afternoonZone, todayIn } from '../support/clock.js';
import { layoutProblems } from '../support/layout.js';
import { newAccount, SignUpPage } from '../support/pages/AuthPages.js';
import type { DashboardPage } from '../support/pages/DashboardPage.js';
import { ImportPage } from '../support/pages/ImportPage.js';
import { createShareLink } from '../support/shareLinks.js';

// Hearth on a 390×844 phone: a compact header, every destination reachable from the bottom tab
// bar, charts above the fold, tooltips on screen, a readable share viewer, 44 px touch targets,
// and a title and a focused heading after each navigation. Every figure is measured in the page.
test.describe.configure({ mode: 'serial' });

const PHONE = { width: 390, height: 844 };
const timezoneId = afternoonZone();
const SCREENS_DIR = process.env.HEARTH_E2E_SCREENS;
let context: BrowserContext;
let page: Page;
let dashboard: DashboardPage;

type Box = { x: number; y: number; width: number; height: number };

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator.toString()} is not rendered`);
  return found;
}

function expectOnScreen(b: Box, what: string): void {
  expect(b.x, `${what} left edge`).toBeGreaterThanOrEqual(0);
  expect(b.y, `${what} top edge`).toBeGreaterThanOrEqual(0);
  expect(b.x + b.width, `${what} right edge`).toBeLessThanOrEqual(PHONE.width);
  expect(b.y + b.height, `${what} bottom edge`).toBeLessThanOrEqual(PHONE.height);
}

async function expectTouchTarget(locator: Locator, what: string): Promise<void> {
  const b = await box(locator);
  expect(b.height, `${what} height`).toBeGreaterThanOrEqual(44);
  expect(b.width, `${what} width`).toBeGreaterThanOrEqual(44);
}

/** Screenshots for a person to look at, only when HEARTH_E2E_SCREENS names a folder. */
async function screenshot(name: string, on: Page = page, fullPage = false): Promise<void> {
  if (SCREENS_DIR) await on.screenshot({ path: `${SCREENS_DIR}/phone-${name}.png`, fullPage });
}

/** No sideways scrolling, nothing cut off, 44 px targets, readable text (support/layout.ts). */
async function expectFitsThePhone(what: string, on: Page = page): Promise<void> {
  expect.soft(await layoutProblems(on), what).toEqual([]);
}

async function expectHeadingFocused(name: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name })).toBeFocused();
}

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext({
    timezoneId,
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
  });
  page = await context.newPage();
});

test.afterAll(async () => {
  await context.close();
});

test('a new person signs up on a phone and gets a compact header and a bottom tab bar', async () => {
  test.setTimeout(120_000);
  await page.goto('/signup');
  await expect(page).toHaveTitle('Create account · Hearth');
  await expectFitsThePhone('sign-up');
  await screenshot('signup');
  dashboard = await new SignUpPage(page).signUp(newAccount());
  await expect(page).toHaveTitle('Today · Hearth');
  await expectHeadingFocused('Today');
  // The upload goes on in the background; the share viewer at the end waits for the server.
  await dashboard.loadDemoData();
  await screenshot('dashboard');

  const header = await box(page.getByRole('banner'));
  expect(header.y).toBe(0);
  expect(header.height).toBeLessThanOrEqual(64);

  const tabs = dashboard.navigation.locator('a:visible, button:visible');
  expect(await tabs.count()).toBeLessThanOrEqual(5);
  for (const tab of await tabs.all()) {
    const name = (await tab.textContent()) ?? '';
    expectOnScreen(await box(tab), `tab ${name}`);
    await expectTouchTarget(tab, `tab ${name}`);
  }
  // The bar sits on the bottom edge, and the figures start well above it.
  const bar = await box(dashboard.navigation);
  expect(bar.y + bar.height).toBe(PHONE.height);
  const firstCard = await box(dashboard.figures.getByRole('listitem').first());
  expect(firstCard.y).toBeLessThan(bar.y);
});

test('"More" holds every other destination and the account, each a 44 px target', async () => {
  await dashboard.moreButton.click();
  const panel = dashboard.navigation.locator('.app-nav__more-panel');
  for (const name of ['Import', 'Devices', 'Sharing', 'Settings']) {
    const link = dashboard.nav(name);
    expectOnScreen(await box(link), `More: ${name}`);
    await expectTouchTarget(link, `More: ${name}`);
  }
  const signOut = panel.getByRole('button', { name: 'Sign out' });
  expectOnScreen(await box(signOut), 'Sign out');
  await expectTouchTarget(signOut, 'Sign out');
  await expectFitsThePhone('"More" open');
  await screenshot('more');

  await dashboard.nav('Devices').click();
  await expect(page).toHaveTitle('Devices · Hearth');
  await expectHeadingFocused('Devices');
  await expect(panel).toBeHidden();
  await expect(dashboard.moreButton).toHaveClass('active');
});

test('trends: the chart starts above the fold and its tooltip stays on screen', async () => {
  await dashboard.nav('Trends').click();
  await expect(page).toHaveTitle('Trends · Hearth');
  await expectHeadingFocused('Steps trends');
  const chart = page.getByRole('group', { name: /chart\. Use the left and right arrow keys/ });
  await expect(chart.locator('svg rect').first()).toBeVisible();
  expect((await box(chart)).y).toBeLessThan(PHONE.height);
  // Before anything scrolls: the whole drawing, x axis included, is above the tab bar.
  const drawing = await box(chart.locator(':scope > svg'));
  const tabBar = await box(dashboard.navigation);
  expect(drawing.y + drawing.height, 'chart bottom').toBeLessThanOrEqual(tabBar.y);
  for (const control of await page.getByRole('main').getByRole('button').all()) {
    await expectTouchTarget(control, `trends button ${await control.textContent()}`);
  }

  // The last bucket is at the right edge: its tooltip flips or clamps inside the screen.
  await chart.focus();
  await chart.press('End');
  const tooltip = page.locator('.chart-tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText('so far');
  expectOnScreen(await box(tooltip), 'tooltip at the right edge');
  await screenshot('trends-tooltip-end');

  // By touch, a tap near the right edge shows the same.
  const plot = await box(chart.locator(':scope > svg'));
  // The chart redraws as the demo upload's rollups arrive, which can close a shown tooltip
  // before it is measured: tap again until one is measured on screen.
  await expect(async () => {
    await page.touchscreen.tap(plot.x + plot.width - 20, plot.y + plot.height / 2);
    const shown = await tooltip.boundingBox({ timeout: 2_000 });
    if (!shown) throw new Error('no tooltip after the tap');
    expectOnScreen(shown, 'tooltip after a tap at the right edge');
  }).toPass({ timeout: 30_000 });
});

/** WCAG relative luminance contrast of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r = 0, g = 0, bl = 0] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

test('going back moves focus to the heading of the page it returns to', async () => {
  await page.goBack();
  await expect(page).toHaveTitle('Devices · Hearth');
  await expectHeadingFocused('Devices');
});

test('dark mode follows the system; the min–max range bars keep 3:1 in both schemes', async () => {
  await page.goto('/trends/heart-rate');
  const chart = page.locator('.chart');
  const range = chart.locator('.chart-range').first();
  await expect(range).toBeVisible();
  const textColours: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const [fill, surface, text] = await range.evaluate((bar) => {
      const box = bar.closest('.chart')!;
      return [
        getComputedStyle(bar).fill,
        getComputedStyle(box).backgroundColor,
        getComputedStyle(document.body).color,
      ];
    });
    expect(
      contrast(fill, surface),
      `${colorScheme}: range bar ${fill} on ${surface}`,
    ).toBeGreaterThanOrEqual(3);
    expect(
      contrast(text, surface),
      `${colorScheme}: text ${text} on ${surface}`,
    ).toBeGreaterThanOrEqual(4.5);
    textColours.push(text);
    await screenshot(`heart-rate-${colorScheme}`);
  }
  // The scheme really switched: dark text on light, light text on dark.
  expect(contrast(textColours[0]!, textColours[1]!)).toBeGreaterThan(4.5);
  await page.emulateMedia({ colorScheme: null });
});

test('the share viewer is readable on a phone: chart labels of 11 px or more', async () => {
  const today = todayIn(timezoneId);
  const path = await createShareLink(context.request, {
    dataTypes: ['STEPS', 'RESTING_HEART_RATE'],
    dateStart: addLocalDays(today, -30),
    dateEnd: addLocalDays(today, -1),
  });
  const viewer = await context.newPage();
  await viewer.goto(path);
  await expect(viewer).toHaveTitle('Shared health data · Hearth');
  const chart = viewer.getByRole('img', { name: /^Steps per day/ });
  await expect(chart).toBeVisible();
  const sizes = await chart.evaluate((svg: SVGSVGElement) => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('text')].map(
      (text) => parseFloat(getComputedStyle(text).fontSize) * scale,
    );
  });
  expect(sizes.length).toBeGreaterThan(3);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
  await expectFitsThePhone('share viewer', viewer);
  if (SCREENS_DIR) {
    await viewer.screenshot({ path: `${SCREENS_DIR}/phone-viewer.png` });
    await viewer.emulateMedia({ colorScheme: 'dark' });
    await viewer.screenshot({ path: `${SCREENS_DIR}/phone-viewer-dark.png`, fullPage: true });
  }
  await viewer.close();
});

test('Import on a phone: the file picker, the progress and the summary fit the screen', async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'hearth-phone-'));
  try {
    // A few days with a watch's sleep stages, so the sleep day view below has a hypnogram.
    const path = join(dir, 'export.zip');
    const zip = appleHealthExportZip({
      seed: 'e2e-phone',
      endDate: todayIn(timezoneId),
      days: 3,
      timeZone: timezoneId,
    });
    writeFileSync(path, Buffer.concat([...zip]));
    const importPage = await ImportPage.open(dashboard);
    await expectFitsThePhone('import');
    await screenshot('import');
    await importPage.choose(path);
    await importPage.expectFinished();
    // On a phone the reasons move under each row's figures: still a table with its headers.
    const byType = page.getByRole('table', { name: 'By type' });
    await expect(byType.getByRole('columnheader', { name: 'Why skipped' })).toBeVisible();
    await expect(byType.getByRole('rowheader', { name: 'Steps' })).toBeVisible();
    await expectFitsThePhone('import summary');
    await screenshot('import-summary', page, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

type Screen = {
  name: string;
  path: string;
  /** What shows once the screen is loaded (not a "Loading…"). */
  ready: Locator;
  /** Puts the screen into the state to look at: a dialog open, a confirmation asked. */
  act?: () => Promise<void>;
  /** Also a screenshot of the whole page, for screens longer than one screen. */
  long?: boolean;
};

const h1 = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const slug = (type: string) => type.toLowerCase().replace(/_/g, '-');
const period = (name: string) => async () => {
  await page.getByRole('group', { name: 'Period' }).getByRole('button', { name }).click();
  await expect(page.locator('.chart svg rect').first()).toBeVisible();
};

function screens(): Screen[] {
  const chart = page.locator('.chart svg rect').first();
  const main = page.getByRole('main');
  return [
    { name: 'dashboard', path: '/', ready: dashboard.figures, long: true },
    {
      name: 'dashboard-cards',
      path: '/',
      ready: dashboard.figures,
      act: () => main.getByRole('button', { name: 'Arrange cards' }).click(),
      long: true,
    },
    ...HEALTH_DATA_TYPES.map((type) => ({
      name: `trends-${slug(type)}`,
      path: `/trends/${slug(type)}`,
      ready: chart,
    })),
    {
      name: 'trends-sleep-stages',
      path: '/trends/sleep-analysis',
      ready: page.getByRole('region', { name: 'Sleep stages' }).locator('figure > svg'),
      act: () => page.locator('.sleep-stages figure').scrollIntoViewIfNeeded(),
      long: true,
    },
    { name: 'trends-steps-hour', path: '/trends/steps', ready: chart, act: period('Hour') },
    { name: 'trends-steps-week', path: '/trends/steps', ready: chart, act: period('Week') },
    { name: 'trends-steps-month', path: '/trends/steps', ready: chart, act: period('Month') },
    {
      name: 'day-data',
      path: '/data/steps/today',
      ready: main.getByRole('list', { name: 'Samples' }),
      long: true,
    },
    {
      name: 'day-data-delete',
      path: '/data/steps/today',
      ready: main.getByRole('list', { name: 'Samples' }),
      act: () =>
        main
          .getByRole('button', { name: /^Delete/ })
          .first()
          .click(),
    },
    { name: 'entry', path: '/entry', ready: h1('Add an entry'), long: true },
    { name: 'devices', path: '/devices', ready: h1('Devices'), long: true },
    {
      name: 'devices-remove',
      path: '/devices',
      ready: h1('Devices'),
      act: () =>
        main
          .getByRole('button', { name: /^Remove / })
          .first()
          .click(),
    },
    {
      name: 'devices-source-delete',
      path: '/devices',
      ready: h1('Devices'),
      act: async () => {
        const sources = main.getByRole('region', { name: 'Data by source' });
        await sources
          .getByRole('button', { name: /^Delete this source/ })
          .first()
          .click();
        await sources.getByRole('button', { name: 'Keep it' }).scrollIntoViewIfNeeded();
      },
    },
    { name: 'settings', path: '/settings', ready: h1('Settings'), long: true },
    { name: 'sharing', path: '/sharing', ready: h1('Sharing'), long: true },
    {
      name: 'sharing-dialog',
      path: '/sharing',
      ready: h1('Sharing'),
      act: () => main.getByRole('button', { name: 'New share link' }).click(),
      long: true,
    },
    {
      name: 'sharing-created',
      path: '/sharing',
      ready: h1('Sharing'),
      act: async () => {
        await main.getByRole('button', { name: 'New share link' }).click();
        const dialog = page.getByRole('dialog', { name: 'Share health data' });
        await dialog.getByRole('checkbox', { name: 'Steps', exact: true }).check();
        await dialog.getByRole('button', { name: 'Create link' }).click();
        await expect(page.getByRole('dialog', { name: 'Share link created' })).toBeVisible();
      },
    },
    {
      name: 'insights',
      path: '/insights',
      ready: main.getByRole('heading', { level: 2 }).first(),
      long: true,
    },
    { name: 'not-found', path: '/no-such-page', ready: h1('Page not found') },
  ];
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every screen fits the phone in the ${colorScheme} scheme`, async () => {
    test.setTimeout(300_000);
    await page.emulateMedia({ colorScheme });
    for (const screen of screens()) {
      await page.goto(screen.path);
      await expect(screen.ready).toBeVisible();
      await screen.act?.();
      await expectFitsThePhone(`${screen.name}, ${colorScheme}`);
      await screenshot(`${screen.name}-${colorScheme}`);
      if (screen.long) await screenshot(`${screen.name}-${colorScheme}-full`, page, true);
    }

    const visitor = await context.browser()!.newContext({ timezoneId, viewport: PHONE });
    const signIn = await visitor.newPage();
    await signIn.emulateMedia({ colorScheme });
    await signIn.goto('/signin');
    await expect(signIn.getByRole('heading', { level: 1 })).toBeVisible();
    await expectFitsThePhone(`sign-in, ${colorScheme}`, signIn);
    await screenshot(`signin-${colorScheme}`, signIn);
    await visitor.close();
    await page.emulateMedia({ colorScheme: null });
  });
}
