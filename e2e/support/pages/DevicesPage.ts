import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell.js';

export class DevicesPage extends AppShell {
  readonly devices: Locator;
  readonly todayTotals: Locator;

  static async open(shell: AppShell): Promise<DevicesPage> {
    await shell.goTo('Devices');
    await expect(shell.page.getByRole('heading', { name: 'Devices', level: 1 })).toBeVisible();
    return new DevicesPage(shell.page);
  }

  constructor(page: Page) {
    super(page);
    this.devices = page.getByRole('list', { name: 'Devices, highest priority first' });
    this.todayTotals = page.getByRole('region', { name: 'Today with this order' });
  }

  /** Device names, highest priority first. */
  async order(): Promise<string[]> {
    const names = await this.devices.getByRole('listitem').locator('strong').allTextContents();
    return names.map((n) => n.replace(/^\d+\.\s*/, ''));
  }

  async moveUp(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Move ${name} up` }).click();
  }

  /** Drags one device's row onto another's: it takes that place in the order. */
  async drag(name: string, onto: string): Promise<void> {
    const row = (n: string) => this.devices.getByRole('listitem').filter({ hasText: `. ${n} ·` });
    await row(name).dragTo(row(onto));
  }

  /** Today's deduplicated steps under the current order. */
  async todaySteps(): Promise<number> {
    const item = this.todayTotals.getByRole('listitem').filter({ hasText: 'Steps' });
    return Number(await item.getAttribute('data-value'));
  }
}
