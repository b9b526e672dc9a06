// @vitest-environment happy-dom
import { sleepNightsFromSeries } from '@hearth/core';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { watchSleep } from './sleepSeries.test-helpers.js';
import { SleepStagesPanel } from './SleepStagesView.js';

afterEach(cleanup);

const ZONE = 'Europe/London';

const SERIES = [
  watchSleep([
    ['inBed', '2026-03-09T22:30Z', '2026-03-10T06:45Z'],
    ['core', '2026-03-09T22:50Z', '2026-03-10T00:20Z'],
    ['deep', '2026-03-10T00:20Z', '2026-03-10T01:20Z'],
    ['rem', '2026-03-10T01:20Z', '2026-03-10T02:00Z'],
    ['awake', '2026-03-10T02:00Z', '2026-03-10T02:15Z'],
    ['core', '2026-03-10T02:15Z', '2026-03-10T06:30Z'],
    // The next night: a source without stages.
    ['asleep', '2026-03-10T23:30Z', '2026-03-11T07:00Z'],
  ]),
];
const NIGHTS = sleepNightsFromSeries(SERIES, { timeZone: ZONE, priority: [] });
const DATES = ['2026-03-09', '2026-03-10', '2026-03-11'];

/** The bedtime and wake time above the hypnogram. */
function times() {
  const [bedtime, wake] = document.querySelectorAll('.sleep-chart__times > span');
  return { bedtime: bedtime!, wake: wake! };
}

describe('SleepStagesPanel', () => {
  it('shows the latest night first, with bedtime and wake time', () => {
    render(<SleepStagesPanel dates={DATES} nights={NIGHTS} timeZone={ZONE} />);
    expect(screen.getByLabelText<HTMLSelectElement>('Night ending').value).toBe('2026-03-11');
    expect(times().bedtime.textContent).toBe('Bedtime 23:30');
    expect(times().wake.textContent).toBe('Wake time 07:00');
    expect(
      screen.getByText(/^Night ending Wed 11 Mar/, { selector: 'figcaption' }).textContent,
    ).toBe(
      'Night ending Wed 11 Mar: bedtime 23:30, wake time 07:00. Asleep 7 h 30 min: asleep, no stage 7 h 30 min.',
    );
  });

  it('draws the chosen night’s stages and says them in words', async () => {
    render(<SleepStagesPanel dates={DATES} nights={NIGHTS} timeZone={ZONE} />);
    await userEvent.selectOptions(screen.getByLabelText('Night ending'), '2026-03-10');
    expect(times().bedtime.textContent).toBe('Bedtime 22:30');
    expect(times().wake.textContent).toBe('Wake time 06:45');
    expect(
      screen.getByText(/^Night ending Tue 10 Mar/, { selector: 'figcaption' }).textContent,
    ).toBe(
      'Night ending Tue 10 Mar: bedtime 22:30, wake time 06:45. Asleep 7 h 25 min, in bed 8 h 15 min: deep 1 h 00 min, core 5 h 45 min, REM 40 min, awake 15 min.',
    );
    const stageRects = document.querySelectorAll('figure svg rect.sleep-stage');
    // Five stage pieces and the in-bed band.
    expect(stageRects).toHaveLength(6);
  });

  it('lists every night in a table, newest first', () => {
    render(<SleepStagesPanel dates={DATES} nights={NIGHTS} timeZone={ZONE} />);
    const table = screen.getByRole('table', { name: 'Sleep stages by night' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'Wed 11 Mar',
      'Tue 10 Mar',
    ]);
    const cells = within(rows[1]!)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual([
      '22:30',
      '06:45',
      '7 h 25 min',
      '1 h 00 min',
      '5 h 45 min',
      '40 min',
      '–',
      '15 min',
      '8 h 15 min',
    ]);
  });

  it('draws every night of the range as a bar in front of its time in bed, with a tooltip', () => {
    render(<SleepStagesPanel dates={DATES} nights={NIGHTS} timeZone={ZONE} />);
    const bars = document.querySelector('div.sleep-chart')!;
    expect([...bars.querySelectorAll('svg g > title')].map((t) => t.textContent)).toEqual([
      'Night ending Tue 10 Mar: bedtime 22:30, wake time 06:45. Asleep 7 h 25 min, in bed 8 h 15 min: deep 1 h 00 min, core 5 h 45 min, REM 40 min, awake 15 min.',
      'Night ending Wed 11 Mar: bedtime 23:30, wake time 07:00. Asleep 7 h 30 min: asleep, no stage 7 h 30 min.',
    ]);
    // Only the first night has time in bed; it is drawn first, behind its stages.
    const inBed = bars.querySelectorAll('rect.sleep-stage--inBed');
    expect(inBed).toHaveLength(1);
    expect(inBed[0]!.parentElement!.querySelector('rect')).toBe(inBed[0]);
    expect([...bars.querySelectorAll('.sleep-legend li')].map((li) => li.textContent)).toEqual([
      'Deep',
      'Core',
      'REM',
      'Asleep, no stage',
      'Awake',
      'In bed',
    ]);
  });

  it('says so when the range has no night', () => {
    render(<SleepStagesPanel dates={DATES} nights={[]} timeZone={ZONE} />);
    expect(screen.getByText('No nights with sleep data in this range.')).toBeTruthy();
  });
});
