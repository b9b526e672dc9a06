import { describe, expect, it } from 'vitest';
import {
  HEALTH_DATA_TYPES,
  METRIC_CONFIG,
  aggregatesQuerySchema,
  createShareLinkSchema,
  isCumulativeType,
  registerSchema,
  timeZoneSchema,
} from './index.js';

describe('METRIC_CONFIG', () => {
  it('configures every health type with the seed values', () => {
    expect(Object.keys(METRIC_CONFIG).sort()).toEqual([...HEALTH_DATA_TYPES].sort());
    expect(METRIC_CONFIG.STEPS).toEqual({
      displayName: 'Steps',
      unit: 'steps',
      aggregation: 'sum',
      goal: 10000,
    });
    expect(METRIC_CONFIG.ACTIVE_ENERGY.goal).toBe(500);
    expect(METRIC_CONFIG.WEIGHT.aggregation).toBe('latest');
  });

  it('knows which types are cumulative', () => {
    const cumulative = HEALTH_DATA_TYPES.filter(isCumulativeType);
    expect(cumulative).toEqual(['STEPS', 'DISTANCE', 'SLEEP_ANALYSIS', 'ACTIVE_ENERGY']);
  });
});

describe('wire schemas', () => {
  it('accepts IANA zones and refuses made-up ones', () => {
    expect(timeZoneSchema.safeParse('Asia/Kolkata').success).toBe(true);
    expect(timeZoneSchema.safeParse('Mars/Olympus').success).toBe(false);
  });

  it('parses an aggregates query with a comma-separated type list', () => {
    const q = aggregatesQuerySchema.parse({
      types: 'STEPS,HEART_RATE',
      startDate: '2026-01-01',
      endDate: '2026-01-07',
    });
    expect(q).toEqual({
      types: ['STEPS', 'HEART_RATE'],
      period: 'day',
      startDate: '2026-01-01',
      endDate: '2026-01-07',
    });
    expect(
      aggregatesQuerySchema.safeParse({
        types: 'STEPS,NOPE',
        startDate: '2026-01-01',
        endDate: '2026-01-07',
      }).success,
    ).toBe(false);
    expect(
      aggregatesQuerySchema.safeParse({ startDate: '2026-01-08', endDate: '2026-01-07' }).success,
    ).toBe(false);
  });

  it('normalises emails and enforces a minimum password length', () => {
    expect(registerSchema.parse({ email: 'Ann@Example.org', password: 'long enough' }).email).toBe(
      'ann@example.org',
    );
    expect(registerSchema.safeParse({ email: 'ann@example.org', password: 'short' }).success).toBe(
      false,
    );
  });

  it('refuses a share link whose range runs backwards', () => {
    const body = {
      dataTypes: ['STEPS'],
      dateStart: '2026-02-01',
      dateEnd: '2026-01-01',
      expiresAt: '2026-12-01T00:00:00Z',
    };
    expect(createShareLinkSchema.safeParse(body).success).toBe(false);
  });
});
