import { describe, expect, it } from 'vitest';
import type { InsightRow } from '../../db/types.js';
import { bannerInsight, insightTitle, sortInsights } from './insightText.js';

function insight(id: string, patch: Partial<InsightRow>): InsightRow {
  return {
    id,
    type: 'trend',
    subject: 'STEPS',
    date: '2026-03-01',
    severity: 'low',
    message: 'm',
    data: {},
    acknowledged: false,
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
    ...patch,
  };
}

describe('insights ordering', () => {
  const list = [
    insight('a', { acknowledged: true, severity: 'high' }),
    insight('b', { severity: 'low', date: '2026-03-05' }),
    insight('c', { severity: 'high', type: 'out_of_range', subject: 'OXYGEN_SATURATION' }),
    insight('d', { severity: 'low', date: '2026-03-02' }),
  ];

  it('puts new, severe, recent insights first', () => {
    expect(sortInsights(list).map((i) => i.id)).toEqual(['c', 'b', 'd', 'a']);
  });

  it('banners the most important unacknowledged insight, or nothing', () => {
    expect(bannerInsight(list)?.id).toBe('c');
    expect(bannerInsight([list[0]!])).toBeNull();
    expect(insightTitle(list[2]!)).toBe('Out of range: SpO2');
  });
});
