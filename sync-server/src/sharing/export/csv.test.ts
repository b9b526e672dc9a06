import { describe, expect, it } from 'vitest';
import { buildCsv, csvField, CSV_COLUMNS } from './csv.js';
import type { SharedDay } from './shared-day.js';

const steps: SharedDay = {
  type: 'STEPS',
  date: '2026-03-08',
  periodStart: '2026-03-08T00:00:00-05:00',
  start: '2026-03-08T00:00:00-05:00',
  end: '2026-03-09T00:00:00-04:00',
  value: 8123.4999,
  sampleCount: 41,
};
const sleep: SharedDay = {
  type: 'SLEEP_ANALYSIS',
  date: '2026-03-08',
  periodStart: '2026-03-08T00:00:00-05:00',
  start: '2026-03-07T18:00:00-05:00',
  end: '2026-03-08T18:00:00-04:00',
  value: 445,
  sampleCount: 9,
};
const heart: SharedDay = {
  type: 'HEART_RATE',
  date: '2026-03-08',
  periodStart: '2026-03-08T00:00:00-05:00',
  start: '2026-03-08T00:00:00-05:00',
  end: '2026-03-09T00:00:00-04:00',
  value: 72.3333,
  minValue: 48,
  maxValue: 161.25,
  sampleCount: 288,
};

describe('csvField (RFC 4180)', () => {
  it('leaves plain fields alone', () => {
    expect(csvField('STEPS')).toBe('STEPS');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(undefined)).toBe('');
  });

  it('quotes commas, quotes, line breaks and edge spaces, doubling inner quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField(' padded')).toBe('" padded"');
  });
});

describe('buildCsv', () => {
  it('writes a header and one CRLF-terminated row per type and day', () => {
    const csv = buildCsv([steps, sleep, heart]);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.split('\r\n').slice(0, -1);
    expect(lines).toEqual([
      CSV_COLUMNS.join(','),
      'STEPS,Steps,2026-03-08,2026-03-08T00:00:00-05:00,2026-03-09T00:00:00-04:00,8123,steps/day,,,41',
      'SLEEP_ANALYSIS,Sleep,2026-03-08,2026-03-07T18:00:00-05:00,2026-03-08T18:00:00-04:00,7.42,h,,,9',
      'HEART_RATE,Heart Rate,2026-03-08,2026-03-08T00:00:00-05:00,2026-03-09T00:00:00-04:00,72.3,beats/minute,48,161.3,288',
    ]);
  });

  it('is just the header when nothing was shared in the range', () => {
    expect(buildCsv([])).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });

  it('has the same number of fields on every row', () => {
    const rows = buildCsv([steps, heart]).trimEnd().split('\r\n');
    for (const row of rows) expect(row.split(',')).toHaveLength(CSV_COLUMNS.length);
  });
});
