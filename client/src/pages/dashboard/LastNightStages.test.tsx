// @vitest-environment happy-dom
import { sleepNightsFromSeries } from '@hearth/core';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { watchSleep } from '../trends/sleepSeries.test-helpers.js';
import { LastNightStagesLine } from './LastNightStages.js';

afterEach(cleanup);

// A watch's staged night ending 10 March, then a night from a source that records no stages.
const [staged, unstaged] = sleepNightsFromSeries(
  [
    watchSleep([
      ['inBed', '2026-03-09T22:30Z', '2026-03-10T06:45Z'],
      ['core', '2026-03-09T22:50Z', '2026-03-10T00:20Z'],
      ['deep', '2026-03-10T00:20Z', '2026-03-10T01:20Z'],
      ['rem', '2026-03-10T01:20Z', '2026-03-10T02:00Z'],
      ['awake', '2026-03-10T02:00Z', '2026-03-10T02:15Z'],
      ['core', '2026-03-10T02:15Z', '2026-03-10T06:30Z'],
      ['asleep', '2026-03-10T23:30Z', '2026-03-11T07:00Z'],
    ]),
  ],
  { timeZone: 'Europe/London', priority: [] },
);

describe('LastNightStagesLine', () => {
  it('says the night in one line: asleep, then deep, REM, core and awake', () => {
    render(<LastNightStagesLine night={staged!} />);
    expect(
      screen.getByText(
        '7 h 25 min asleep · 1 h 00 min deep · 40 min REM · 5 h 45 min core · 15 min awake',
      ),
    ).toBeTruthy();
  });

  it('draws a bar with each stage’s share of the night, hidden from screen readers', () => {
    const { container } = render(<LastNightStagesLine night={staged!} />);
    const bar = container.querySelector('.last-night__bar')!;
    expect(bar.getAttribute('aria-hidden')).toBe('true');
    const widths = [...bar.querySelectorAll('span')].map((s) => [
      s.className,
      Number.parseFloat(s.style.width),
    ]);
    // 460 minutes in the bar: 60 deep, 345 core, 40 REM, 15 awake.
    expect(widths.map(([c]) => c)).toEqual([
      'sleep-stage--deep',
      'sleep-stage--core',
      'sleep-stage--rem',
      'sleep-stage--awake',
    ]);
    expect(widths.map(([, w]) => Math.round(Number(w) * 4.6))).toEqual([60, 345, 40, 15]);
  });

  it('adds nothing for a night without stages: the card already says how long', () => {
    expect(unstaged!.minutes.deep + unstaged!.minutes.rem + unstaged!.minutes.core).toBe(0);
    const { container } = render(<LastNightStagesLine night={unstaged!} />);
    expect(container.innerHTML).toBe('');
  });
});
