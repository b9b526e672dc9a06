import { describe, expect, it } from 'vitest';
import { generateDataKey } from '../crypto/envelope.js';
import { isLegacyInsightId, opaqueInsightId } from './insight-id.js';

describe('opaqueInsightId', () => {
  const key = generateDataKey();
  const stable = 'out_of_range:BLOOD_GLUCOSE:2026-11-30';

  it('is stable for one user, so a recomputed insight replaces itself', () => {
    expect(opaqueInsightId(key, stable)).toBe(opaqueInsightId(Buffer.from(key), stable));
  });

  it('tells nothing of the insight and differs between users and insights', () => {
    const id = opaqueInsightId(key, stable);
    expect(id).toMatch(/^i_[A-Za-z0-9_-]{22}$/);
    expect(id).not.toMatch(/BLOOD|GLUCOSE|range|2026/i);
    expect(opaqueInsightId(generateDataKey(), stable)).not.toBe(id);
    expect(opaqueInsightId(key, 'out_of_range:BLOOD_GLUCOSE:2026-12-01')).not.toBe(id);
    expect(isLegacyInsightId(id)).toBe(false);
    expect(isLegacyInsightId(stable)).toBe(true);
  });
});
