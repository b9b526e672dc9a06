import { describe, expect, it } from 'vitest';
import type { RollupSummary } from '@hearth/core';
import { openSummary, sameSummary, sealSummary, type RollupKey } from './rollup-codec.js';

const key: RollupKey = { type: 'WEIGHT', period: 'day', startMs: Date.UTC(2026, 2, 8, 5) };
const dataKey = Buffer.alloc(32, 7);
const userId = '00000000-0000-4000-8000-000000000001';
const summary: RollupSummary = {
  sum: 161.4,
  count: 2,
  min: 80.6,
  max: 80.8,
  latest: {
    value: 80.6,
    endMs: key.startMs + 3_600_000,
    startMs: key.startMs + 3_600_000,
    sourceRank: 0,
    sourceId: 'scale',
    sampleId: '',
  },
};

describe('rollup summaries at rest', () => {
  it('open to the same figures they were sealed with, under the row they belong to', () => {
    const sealed = sealSummary(dataKey, userId, key, summary);
    const opened = openSummary(dataKey, userId, key, sealed);
    expect(opened).toStrictEqual(summary);
    expect(sameSummary(opened, summary)).toBe(true);
    expect(() => openSummary(dataKey, userId, { ...key, period: 'hour' }, sealed)).toThrow();
  });

  it('differ when any figure or the latest reading differs', () => {
    const latest = summary.latest!;
    const changed: RollupSummary[] = [
      { ...summary, sum: 161.5 },
      { ...summary, count: 3 },
      { ...summary, min: null },
      { ...summary, max: 81 },
      { ...summary, latest: null },
      { ...summary, latest: { ...latest, value: 80.7 } },
      { ...summary, latest: { ...latest, endMs: latest.endMs + 1 } },
      { ...summary, latest: { ...latest, startMs: latest.startMs - 1 } },
      { ...summary, latest: { ...latest, sourceRank: 1 } },
      { ...summary, latest: { ...latest, sourceId: 'manual' } },
      { ...summary, latest: { ...latest, sampleId: 'a' } },
    ];
    for (const other of changed) {
      expect(sameSummary(other, summary)).toBe(false);
      expect(sameSummary(summary, other)).toBe(false);
    }
    const cumulative = { sum: 10, count: 1, min: null, max: null, latest: null };
    expect(sameSummary(cumulative, { ...cumulative })).toBe(true);
  });
});
