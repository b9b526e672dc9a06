import { expect, type Locator, type Page } from '@playwright/test';

/** The frame of every signed-in screen: the sync indicator and the main navigation. */
export class AppShell {
  readonly syncStatus: Locator;

  constructor(readonly page: Page) {
    this.syncStatus = page.getByRole('region', { name: 'Sync status' });
  }

  nav(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
  }

  /** Waits until the indicator says online with nothing waiting to upload. */
  async expectSynced(timeout = 60_000): Promise<void> {
    await expect(this.syncStatus.getByText('Online', { exact: true })).toBeVisible({ timeout });
    await expect(this.syncStatus.getByText(/waiting to upload/)).toHaveCount(0, { timeout });
  }

  async expectOffline(): Promise<void> {
    await expect(this.syncStatus.getByText('Offline', { exact: true })).toBeVisible();
  }

  async expectWaitingUploads(): Promise<void> {
    await expect(this.syncStatus.getByText(/\d+ changes? waiting to upload/)).toBeVisible();
  }
}
