import { expect, type Locator, type Page } from '@playwright/test';
import type { HealthDataType } from '@hearth/schema';
import { AppShell } from './AppShell.js';

export const METRIC_TITLES: Record<HealthDataType, string> = {
  STEPS: 'Steps',
  DISTANCE: 'Distance',
  HEART_RATE: 'Heart Rate',
  RESTING_HEART_RATE: 'Resting HR',
  WEIGHT: 'Weight',
  BODY_FAT: 'Body Fat',
  SLEEP_ANALYSIS: 'Sleep',
  ACTIVE_ENERGY: 'Calories',
  OXYGEN_SATURATION: 'SpO2',
  BLOOD_GLUCOSE: 'Glucose',
};

export type Figures = Partial<Record<HealthDataType, number>>;

export class DashboardPage extends AppShell {
  readonly heading: Locator;
  readonly figures: Locator;

  constructor(page: Page) {
    super(page);
    this.heading = page.getByRole('heading', { name: 'Today', level: 1 });
    this.figures = page.getByRole('list', { name: 'Today’s figures' });
  }

  async expectLoaded(): Promise<this> {
    await expect(this.heading).toBeVisible();
    await expect(this.figures).toBeVisible();
    return this;
  }

  card(type: HealthDataType): Locator {
    return this.figures.getByRole('listitem', { name: METRIC_TITLES[type], exact: true });
  }

  /** "Load demo data", then waits until the whole history is written locally. */
  async loadDemoData(): Promise<void> {
    await this.page.getByRole('button', { name: 'Load demo data' }).click();
    await expect(this.page.getByText(/^Demo data loaded/)).toBeVisible({ timeout: 60_000 });
  }

  /** The exact value behind every card that has data today (its `data-value`). */
  async figuresShown(): Promise<Figures> {
    await expect(this.figures.getByRole('listitem')).toHaveCount(10);
    const figures: Figures = {};
    for (const type of Object.keys(METRIC_TITLES) as HealthDataType[]) {
      const raw = await this.card(type).getByTestId('metric-value').getAttribute('data-value');
      if (raw) figures[type] = Number(raw);
    }
    return figures;
  }
}
