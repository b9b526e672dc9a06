import { describe, expect, it } from 'vitest';
import { emptyPullProgress, estimateCatchUp, recordPull } from './progress.js';

const page = (n: number, position: number | null) => ({
  documents: Array.from({ length: n }, () => ({})),
  checkpoint: position === null ? null : { position, id: 'x' },
});

describe('catch-up progress', () => {
  it('knows nothing before the first page, and is done when every collection caught up', () => {
    expect(estimateCatchUp({}, null)).toEqual({ pulled: 0, estimatedTotal: 0, done: false });
    const series = recordPull(emptyPullProgress(), undefined, page(0, null), 1000);
    expect(estimateCatchUp({ series }, null)).toEqual({ pulled: 0, estimatedTotal: 0, done: true });
  });

  it('extrapolates the density of what was pulled to the newest known position', () => {
    let series = recordPull(emptyPullProgress(), undefined, page(1000, 2000), 1000);
    const rollups = recordPull(emptyPullProgress(), undefined, page(300, 10_000), 1000);
    // 1000 series over positions 0..2000, 8000 positions to go: about 4000 more.
    expect(estimateCatchUp({ series, rollups }, 10_000)).toEqual({
      pulled: 1300,
      estimatedTotal: 5300,
      done: false,
    });
    series = recordPull(series, { position: 2000, id: 'x' }, page(1000, 4000), 1000);
    expect(series).toMatchObject({ pulled: 2000, startPosition: 0, lastPosition: 4000 });
    expect(estimateCatchUp({ series, rollups }, 10_000).estimatedTotal).toBe(5300);
  });

  it('resumes from a stored checkpoint rather than from zero', () => {
    const from = { position: 50_000, id: 'x' };
    const series = recordPull(emptyPullProgress(), from, page(1000, 51_000), 1000);
    expect(estimateCatchUp({ series }, 52_000)).toEqual({
      pulled: 1000,
      estimatedTotal: 2000,
      done: false,
    });
    expect(estimateCatchUp({ series }, null).estimatedTotal).toBeNull();
  });
});
