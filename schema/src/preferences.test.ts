import { describe, expect, it } from 'vitest';
import { preferencesSchema } from './preferences.js';
import { settingsDocSchema, updateSettingsSchema } from './settings.js';

const oldDoc = {
  id: 'settings',
  timeZone: 'Europe/Paris',
  goals: {},
  sourcePriority: [],
  updatedAt: '2026-01-01T00:00:00.000Z',
  _deleted: false,
};

describe('preferences', () => {
  it('a settings document written before preferences reads as the defaults', () => {
    expect(settingsDocSchema.parse(oldDoc).preferences).toEqual({
      displayUnits: {},
      dashboard: { order: [], hidden: [] },
    });
  });

  it('a part left out takes its default, the rest is kept', () => {
    expect(preferencesSchema.parse({ hourCycle: 'h12' })).toEqual({
      displayUnits: {},
      hourCycle: 'h12',
      dashboard: { order: [], hidden: [] },
    });
  });

  it('an update without preferences does not reset them', () => {
    expect(updateSettingsSchema.parse({ timeZone: 'Asia/Tokyo' })).toEqual({
      timeZone: 'Asia/Tokyo',
    });
  });

  it('accepts a unit the type can be shown in and refuses any other', () => {
    expect(preferencesSchema.safeParse({ displayUnits: { WEIGHT: 'lb' } }).success).toBe(true);
    expect(preferencesSchema.safeParse({ displayUnits: { WEIGHT: 'mi' } }).success).toBe(false);
    expect(preferencesSchema.safeParse({ displayUnits: { STEPS: 'kg' } }).success).toBe(false);
  });

  it('refuses an unknown type in the dashboard order', () => {
    expect(preferencesSchema.safeParse({ dashboard: { order: ['MOOD'] } }).success).toBe(false);
  });
});
