import { addLocalDays } from '@hearth/core';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { afternoonZone, todayIn } from '../support/clock.js';
import { newAccount, SignUpPage } from '../support/pages/AuthPages.js';
import type { DashboardPage } from '../support/pages/DashboardPage.js';
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
async function screenshot(name: string): Promise<void> {
  if (SCREENS_DIR) await page.screenshot({ path: `${SCREENS_DIR}/phone-${name}.png` });
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
  for (const control of await page.getByRole('main').getByRole('button').all()) {
    await expectTouchTarget(control, `trends button ${await control.textContent()}`);
  }

  // The last bucket is at the right edge: its tooltip flips or clamps inside the screen.
  await chart.focus();
  await chart.press('End');
  const tooltip = page.locator('.chart-tooltip');
  await expect(tooltip).toBeVisible();
  expectOnScreen(await box(tooltip), 'tooltip at the right edge');
  await screenshot('trends-tooltip-end');

  // By touch, a tap near the right edge shows the same.
  const plot = await box(chart.locator(':scope > svg'));
  await page.touchscreen.tap(plot.x + plot.width - 20, plot.y + plot.height / 2);
  await expect(tooltip).toBeVisible();
  expectOnScreen(await box(tooltip), 'tooltip after a tap at the right edge');
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
  if (SCREENS_DIR) {
    await viewer.screenshot({ path: `${SCREENS_DIR}/phone-viewer.png` });
    await viewer.emulateMedia({ colorScheme: 'dark' });
    await viewer.screenshot({ path: `${SCREENS_DIR}/phone-viewer-dark.png`, fullPage: true });
  }
  await viewer.close();
});
