import { describe, expect, it } from 'vitest';
import { formatTimeLeft, progressView } from './importProgress.js';

const base = { records: 12_345, samples: 10_000, skipped: {} };

describe('progressView', () => {
  it('shows the share read, the speed and the time left', () => {
    const view = progressView({ ...base, bytesRead: 50e6, totalBytes: 200e6 }, 0, 10_000);
    expect(view).toEqual({
      percent: 25,
      bytes: '50 MB of 200 MB',
      records: '12,345',
      samples: '10,000',
      speed: '5 MB/s',
      timeLeft: 'about 30 s left',
    });
  });

  it('makes no guess in the first second, nor a percentage without a size', () => {
    const early = progressView({ ...base, bytesRead: 1e6, totalBytes: 200e6 }, 0, 500);
    expect(early).toMatchObject({ percent: 0, speed: null, timeLeft: null });
    const unknown = progressView({ ...base, bytesRead: 3.25e6 }, 0, 2000);
    expect(unknown).toMatchObject({
      percent: null,
      bytes: '3.3 MB',
      speed: '1.6 MB/s',
      timeLeft: null,
    });
  });

  it('never shows more than 100 % (a zip read past its announced size)', () => {
    expect(progressView({ ...base, bytesRead: 11, totalBytes: 10 }, 0, 5000).percent).toBe(100);
  });
});

describe('formatTimeLeft', () => {
  it('rounds to what a person needs', () => {
    expect(formatTimeLeft(200)).toBe('about 1 s left');
    expect(formatTimeLeft(89_000)).toBe('about 1 min left');
    expect(formatTimeLeft(150_000)).toBe('about 3 min left');
    expect(formatTimeLeft(3_600_000)).toBe('about 1 h left');
    expect(formatTimeLeft(4_500_000)).toBe('about 1 h 15 min left');
  });
});
