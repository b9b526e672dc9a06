import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDuration,
  formatProgressBar,
  formatProgressLine,
  ProgressDisplay,
  secondsLeft,
  type ProgressSnapshot,
} from './progress.js';

const halfway: ProgressSnapshot = {
  bytesRead: 500_000_000,
  totalBytes: 1_000_000_000,
  records: 2_345_678,
  kept: 2_000_000,
  acknowledged: 1_950_000,
  elapsedMs: 10_000,
};

describe('progress figures', () => {
  it('projects the time left from the speed so far', () => {
    expect(secondsLeft(halfway)).toBe(10);
    expect(secondsLeft({ ...halfway, bytesRead: 0 })).toBeNull();
  });

  it('formats counts and durations to fit a line', () => {
    expect([999, 1234, 12_345, 2_345_678, 12_345_678].map(formatCount)).toEqual([
      '999',
      '1.23k',
      '12.3k',
      '2.35M',
      '12.3M',
    ]);
    expect([0, 42, 185, 3725].map(formatDuration)).toEqual([
      '0 s',
      '42 s',
      '3 min 05 s',
      '1 h 02 min',
    ]);
  });

  it('draws a bar with percent, records, kept/sent, speed and time left', () => {
    expect(formatProgressBar(halfway, 120)).toBe(
      '[###############...............]  50.0 %  2.35M records  2.00M kept / 1.95M sent  50.0 MB/s  10 s left',
    );
    const narrow = formatProgressBar(halfway, 60);
    expect(narrow.length).toBeLessThanOrEqual(60);
    expect(narrow.startsWith('50.0 %')).toBe(true);
  });

  it('writes plain lines with full numbers', () => {
    expect(formatProgressLine(halfway)).toBe(
      'import: 50.0 % (500.0 of 1000.0 MB), 2,345,678 records, 2,000,000 kept / 1,950,000 sent, 50.0 MB/s, 10 s left',
    );
  });
});

function output(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, out: { isTTY, columns: 100, write: (t: string) => writes.push(t) } };
}

describe('ProgressDisplay', () => {
  it('redraws one line in place on a terminal, then ends it', () => {
    const { writes, out } = output(true);
    const display = new ProgressDisplay(out, { ttyEveryMs: 100 });
    display.update({ ...halfway, elapsedMs: 0 });
    display.update({ ...halfway, elapsedMs: 50 });
    display.update({ ...halfway, elapsedMs: 150 });
    display.finish(halfway);
    expect(writes).toHaveLength(4);
    expect(writes.slice(0, 3).every((w) => w.startsWith('\r') && w.endsWith('\x1b[K'))).toBe(true);
    expect(writes[3]).toBe('\n');
  });

  it('writes plain periodic lines, no escape codes, when stderr is not a terminal', () => {
    const { writes, out } = output(false);
    const display = new ProgressDisplay(out, { plainEveryMs: 5000 });
    for (let t = 0; t <= 12_000; t += 1000) display.update({ ...halfway, elapsedMs: t });
    display.finish(halfway);
    expect(writes).toHaveLength(4);
    expect(writes.join('')).not.toContain('\x1b');
    expect(writes.join('')).not.toContain('\r');
    expect(writes.every((w) => w.startsWith('import: ') && w.endsWith('\n'))).toBe(true);
  });
});
