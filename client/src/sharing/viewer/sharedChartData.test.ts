import { describe, expect, it } from 'vitest';
import { axisDates, sharedChartData, valueTicks } from './sharedChartData.js';

const range = { start: '2026-03-01', end: '2026-03-05' };

describe('sharedChartData', () => {
  it('spans every day of the range, with gaps as nulls, and bars from zero for totals', () => {
    const data = sharedChartData(
      'STEPS',
      [
        { date: '2026-03-02', value: 8000 },
        { date: '2026-03-04', value: 12000 },
      ],
      range,
    );
    expect(data.kind).toBe('bars');
    expect(data.days.map((d) => d.value)).toEqual([null, 8000, null, 12000, null]);
    expect(data.yDomain).toEqual([0, 12000]);
  });

  it('draws averages as a line with a padded domain around the readings', () => {
    const data = sharedChartData(
      'HEART_RATE',
      [
        { date: '2026-03-01', value: 70, minValue: 50, maxValue: 150 },
        { date: '2026-03-02', value: 72, minValue: 55, maxValue: 130 },
      ],
      range,
    );
    expect(data.kind).toBe('line');
    expect(data.yDomain).toEqual([40, 160]);
    expect(data.days[0]).toEqual({
      date: '2026-03-01',
      value: 70,
      min: 50,
      max: 150,
      partial: false,
    });
  });

  it('keeps a flat line visible', () => {
    const data = sharedChartData('WEIGHT', [{ date: '2026-03-03', value: 80 }], range);
    expect(data.yDomain).toEqual([76, 84]);
  });

  it('has a usable domain with no data at all', () => {
    expect(sharedChartData('WEIGHT', [], range).yDomain).toEqual([0, 1]);
  });
});

describe('axisDates', () => {
  it('labels about the requested number of days, starting with the first', () => {
    const days = sharedChartData('STEPS', [], { start: '2026-03-01', end: '2026-03-30' }).days;
    const ticks = axisDates(days, 6);
    expect(ticks[0]).toBe('2026-03-01');
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks.length).toBeGreaterThanOrEqual(5);
  });
});

describe('valueTicks', () => {
  it('puts sleep ticks on whole hours, at most five', () => {
    expect(valueTicks('SLEEP_ANALYSIS', [0, 467])).toEqual([0, 120, 240, 360]);
    expect(valueTicks('SLEEP_ANALYSIS', [0, 250])).toEqual([0, 60, 120, 180, 240]);
  });

  it('leaves other metrics to the scale', () => {
    expect(valueTicks('STEPS', [0, 15000])).toBeUndefined();
  });
});
