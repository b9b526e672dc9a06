import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell.js';
import type { DashboardPage } from './DashboardPage.js';

/** The samples behind one day of one metric (client/src/pages/data). */
export class DaySamplesPage extends AppShell {
  readonly samples: Locator;

  static async fromCard(dashboard: DashboardPage, title: string): Promise<DaySamplesPage> {
    await dashboard.figures
      .getByRole('listitem', { name: title, exact: true })
      .getByRole('link', { name: /^Samples/ })
      .click();
    const page = new DaySamplesPage(dashboard.page);
    await expect(
      page.page.getByRole('heading', { level: 1, name: new RegExp(`^${title} on `) }),
    ).toBeVisible();
    return page;
  }

  constructor(page: Page) {
    super(page);
    this.samples = page.getByRole('list', { name: 'Samples' }).getByRole('listitem');
  }

  /** Deletes the sample whose value text matches, confirming in place. */
  async deleteSample(valueText: string): Promise<void> {
    const item = this.samples.filter({ hasText: valueText });
    await item.getByRole('button', { name: /^Delete/ }).click();
    await item.getByRole('button', { name: 'Yes, delete' }).click();
    await expect(this.samples.filter({ hasText: valueText })).toHaveCount(0);
  }

  async editSample(valueText: string, newValue: string): Promise<void> {
    const item = this.samples.filter({ hasText: valueText });
    await item.getByRole('button', { name: /^Edit/ }).click();
    await item.getByLabel(/^New .* value/).fill(newValue);
    await item.getByRole('button', { name: 'Save' }).click();
  }
}

export class SettingsPage extends AppShell {
  static async open(shell: AppShell): Promise<SettingsPage> {
    await shell.goTo('Settings');
    await expect(shell.page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    return new SettingsPage(shell.page);
  }

  /** Clicks a download link and returns the file's text. */
  async download(linkName: string): Promise<string> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('link', { name: linkName }).click(),
    ]);
    const path = await download.path();
    return readFile(path, 'utf8');
  }

  async changePassword(current: string, next: string): Promise<void> {
    await this.page.getByLabel('Current password').fill(current);
    await this.page.getByLabel('New password', { exact: true }).fill(next);
    await this.page.getByLabel('New password again').fill(next);
    await this.page.getByRole('button', { name: 'Change password' }).click();
    await expect(this.page.getByText(/^Password changed/)).toBeVisible();
  }

  async deleteAccount(email: string, password: string): Promise<void> {
    await this.page.getByLabel(/^Type your email/).fill(email);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Delete my account and all its data' }).click();
    await expect(this.page).toHaveURL(/\/signin/);
  }
}

export async function deleteSourceData(shell: AppShell, source: string): Promise<void> {
  await shell.goTo('Devices');
  const section = shell.page.getByRole('region', { name: 'Data by source' });
  await section
    .getByRole('button', { name: new RegExp(`^Delete this source’s data\\s*: ${source}$`) })
    .click();
  await section.getByRole('button', { name: 'Yes, delete its data' }).click();
  await expect(section.getByRole('status')).toHaveText(
    new RegExp(`^Deleted \\d+ samples? from ${source}\\.$`),
  );
}
