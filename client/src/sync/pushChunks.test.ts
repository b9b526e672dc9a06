import { describe, expect, it } from 'vitest';
import { chunkPushRows } from './pushChunks.js';

describe('chunkPushRows', () => {
  const row = (points: number) => ({
    id: 'x',
    points: Array.from({ length: points }, () => [1, 2, 3]),
  });

  it('keeps small pages whole and splits by row count', () => {
    expect(chunkPushRows([row(1), row(1)])).toHaveLength(1);
    expect(
      chunkPushRows(
        Array.from({ length: 5 }, () => row(1)),
        1e9,
        2,
      ).map((c) => c.length),
    ).toEqual([2, 2, 1]);
  });

  it('splits by size so no request grows past the limit, a huge row going alone', () => {
    const size = JSON.stringify(row(100)).length + 1;
    const chunks = chunkPushRows([row(100), row(100), row(100), row(2000), row(100)], size * 2);
    expect(chunks.map((c) => c.map((r) => r.points.length))).toEqual([
      [100, 100],
      [100],
      [2000],
      [100],
    ]);
    expect(chunkPushRows([])).toEqual([]);
  });
});
