import { expect, type Page } from '@playwright/test';
import { AppShell } from './AppShell.js';
import { DashboardPage } from './DashboardPage.js';

export type StepsEntry = { steps: number; from: string; until: string };

export class ManualEntryPage extends AppShell {
  static async open(shell: AppShell): Promise<ManualEntryPage> {
    await shell.goTo('Add entry');
    await expect(shell.page.getByRole('heading', { name: 'Add an entry' })).toBeVisible();
    return new ManualEntryPage(shell.page);
  }

  constructor(page: Page) {
    super(page);
  }

  /** Records steps over [from, until) (`YYYY-MM-DDTHH:mm` on the account's clock). */
  async addSteps(entry: StepsEntry): Promise<void> {
    await this.page.getByLabel('What').selectOption({ label: 'Steps' });
    await this.page.getByLabel('Value').fill(String(entry.steps));
    await this.page.getByLabel('From').fill(entry.from);
    await this.page.getByLabel('Until').fill(entry.until);
    await this.page.getByRole('button', { name: 'Save entry' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: /^Saved Steps/ })).toBeVisible();
  }

  async toDashboard(): Promise<DashboardPage> {
    await this.nav('Today').click();
    return new DashboardPage(this.page).expectLoaded();
  }
}
