import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The frame of every signed-in screen: the sync indicator and the main navigation (a bar under
 * the header on wide screens; on phones a bottom tab bar whose "More" holds the other entries
 * and the account).
 */
export class AppShell {
  readonly syncStatus: Locator;
  readonly navigation: Locator;
  readonly moreButton: Locator;

  constructor(readonly page: Page) {
    this.syncStatus = page.getByRole('region', { name: 'Sync status' });
    this.navigation = page.getByRole('navigation', { name: 'Main' });
    this.moreButton = this.navigation.getByRole('button', { name: 'More' });
  }

  /** The visible link of a navigation entry (on a phone, entries under "More" need `goTo`). */
  nav(name: string): Locator {
    return this.navigation.getByRole('link', { name, exact: true });
  }

  /** Follows a navigation entry at any screen width, opening "More" when it is in there. */
  async goTo(name: string): Promise<void> {
    const link = this.nav(name);
    if (!(await link.isVisible())) await this.moreButton.click();
    await link.click();
  }

  async signOut(): Promise<void> {
    const button = this.page.getByRole('button', { name: 'Sign out' });
    if (!(await button.isVisible())) await this.moreButton.click();
    await button.click();
  }

  /** Waits until the indicator says online with nothing waiting to upload. */
  /** Online, nothing waiting, and synced at least once (a new account's devices pulled). */
  async expectSynced(timeout = 60_000): Promise<void> {
    await expect(this.syncStatus.getByText('Online', { exact: true })).toBeVisible({ timeout });
    await expect(this.syncStatus.getByText('Not synced yet')).toHaveCount(0, { timeout });
    await expect(this.syncStatus.getByText(/waiting to upload/)).toHaveCount(0, { timeout });
  }

  async expectOffline(): Promise<void> {
    await expect(this.syncStatus.getByText('Offline', { exact: true })).toBeVisible();
  }

  async expectWaitingUploads(): Promise<void> {
    await expect(this.syncStatus.getByText(/\d+ changes? waiting to upload/)).toBeVisible();
  }
}
