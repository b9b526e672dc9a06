import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { afternoonZone, todayIn } from '../support/clock.js';
import { newAccount, SignUpPage } from '../support/pages/AuthPages.js';
import { ImportPage } from '../support/pages/ImportPage.js';
import { writeSleepExport } from '../support/sleepExport.js';

// The dashboard's sleep card (client/src/pages/dashboard/LastNightStages.tsx): last night's
// stages in one line, as core computes them from the same Apple Health export.
const timezoneId = afternoonZone();

/** Minutes as the app writes them: "7 h 05 min". */
function duration(minutes: number): string {
  const total = Math.round(minutes);
  const hours = Math.floor(total / 60);
  return hours > 0 ? `${hours} h ${String(total % 60).padStart(2, '0')} min` : `${total} min`;
}

/** Writes the export and returns the line the card should show for its last night. */
function writeExport(dir: string): { path: string; line: string; night: string } {
  const { path, nights } = writeSleepExport(dir, {
    seed: 'e2e-sleep-card',
    endDate: todayIn(timezoneId),
    days: 3,
    timeZone: timezoneId,
  });
  const last = nights[nights.length - 1]!;
  const parts = (['deep', 'rem', 'core', 'awake'] as const)
    .filter((stage) => last.minutes[stage] > 0)
    .map((stage) => `${duration(last.minutes[stage])} ${stage === 'rem' ? 'REM' : stage}`);
  return {
    path,
    night: last.night,
    line: [`${duration(last.asleepMinutes)} asleep`, ...parts].join(' · '),
  };
}

test('the sleep card says last night’s stages in one line', async ({ browser }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'hearth-sleep-card-'));
  const context = await browser.newContext({ timezoneId, locale: 'en-GB' });
  try {
    const file = writeExport(dir);
    // The card shows the night ending today if there is one, else the latest with data: the
    // export's last night either way.
    expect(file.night <= todayIn(timezoneId)).toBe(true);
    expect(file.line).toContain('deep');
    const page = await context.newPage();
    const dashboard = await (await new SignUpPage(page).open()).signUp(newAccount());
    const importPage = await ImportPage.open(dashboard);
    await importPage.choose(file.path);
    await importPage.expectFinished();
    await dashboard.goTo('Today');
    await expect(dashboard.card('SLEEP_ANALYSIS')).toContainText(file.line, { timeout: 60_000 });
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
