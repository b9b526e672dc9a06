import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell.js';

export type ImportFigures = { records: number; samples: number };

export class ImportPage extends AppShell {
  readonly progress: Locator;
  readonly summary: Locator;

  static async open(shell: AppShell): Promise<ImportPage> {
    await shell.goTo('Import');
    await expect(shell.page.getByRole('heading', { name: 'Import', level: 1 })).toBeVisible();
    return new ImportPage(shell.page);
  }

  constructor(page: Page) {
    super(page);
    this.progress = page.getByRole('region', { name: /^Reading / });
    this.summary = page.getByRole('region', { name: 'Import finished' });
  }

  /** Chooses the export in the file input; the reading starts at once. */
  async choose(path: string): Promise<void> {
    await this.page
      .getByLabel('Apple Health export (export.zip or export.xml)')
      .setInputFiles(path);
  }

  /** Waits for the summary; returns the figures of its first sentence. */
  async expectFinished(timeout = 60_000): Promise<{ headline: string; new: number }> {
    await expect(this.summary).toBeVisible({ timeout });
    const headline = (await this.summary.getByRole('status').textContent()) ?? '';
    const added = /: ([\d,]+) new/.exec(headline)?.[1] ?? 'NaN';
    return { headline, new: Number(added.replace(/,/g, '')) };
  }

  /** Rows of one summary table (`By type` or `By source…`) as cell texts, header cell first. */
  async tableRows(caption: RegExp): Promise<string[][]> {
    const table = this.summary.getByRole('table', { name: caption });
    const rows = table.locator('tbody tr');
    const out: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      out.push(await rows.nth(i).locator('th, td').allTextContents());
    }
    return out;
  }

  async importAnother(): Promise<void> {
    await this.page.getByRole('button', { name: 'Import another file' }).click();
  }
}
