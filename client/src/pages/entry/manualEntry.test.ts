import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { LocalChanges } from '../../data/localChanges.js';
import { createHearthDatabase } from '../../db/database.js';
import { PENDING_UPDATED_AT } from '../../db/types.js';
import {
  buildManualSample,
  instantOfLocalDateTime,
  needsInterval,
  saveManualSample,
  unitsFor,
} from './manualEntry.js';

const context = {
  timeZone: 'Europe/Berlin',
  now: Date.parse('2026-03-29T12:00:00Z'),
  deviceId: 'manual-1',
};

describe('manual entry', () => {
  it('reads the form clock in the user’s zone, DST included', () => {
    expect(instantOfLocalDateTime('2026-03-28T10:00', 'Europe/Berlin')).toBe(
      Date.parse('2026-03-28T09:00:00Z'),
    );
    // 02:30 does not exist on 2026-03-29 in Berlin: the first instant after the gap.
    expect(instantOfLocalDateTime('2026-03-29T02:30', 'Europe/Berlin')).toBe(
      Date.parse('2026-03-29T01:00:00Z'),
    );
    expect(instantOfLocalDateTime('yesterday', 'Europe/Berlin')).toBeNull();
  });

  it('builds a canonical sample, converting units with core', () => {
    const result = buildManualSample(
      { type: 'WEIGHT', value: '154', unit: 'lb', start: '2026-03-29T08:15', end: '' },
      context,
    );
    expect(result).toEqual({
      ok: true,
      sample: {
        type: 'WEIGHT',
        value: 154 * 0.45359237,
        unit: 'kg',
        startDate: '2026-03-29T06:15:00.000Z',
        endDate: '2026-03-29T06:15:00.000Z',
        sourceDevice: 'manual-1',
      },
    });
    expect(unitsFor('BLOOD_GLUCOSE')[0]).toBe('mg/dL');
    expect(needsInterval('STEPS')).toBe(true);
    expect(needsInterval('HEART_RATE')).toBe(false);
  });

  it('says which field is wrong', () => {
    const steps = { type: 'STEPS' as const, unit: 'steps', start: '2026-03-29T09:00' };
    expect(
      buildManualSample({ ...steps, value: '500', end: '2026-03-29T08:00' }, context),
    ).toMatchObject({
      ok: false,
      field: 'end',
    });
    expect(
      buildManualSample({ ...steps, value: '', end: '2026-03-29T10:00' }, context),
    ).toMatchObject({
      ok: false,
      field: 'value',
    });
    expect(buildManualSample({ ...steps, value: '500', end: '2026-03-29T23:00' }, context)).toEqual(
      {
        ok: false,
        field: 'end',
        message: 'That time has not happened yet.',
      },
    );
    // Core's rule, as on the device API: an end up to 5 minutes after now (14:00 in Berlin) is
    // clock skew.
    const skewed = { ...steps, value: '500', start: '2026-03-29T13:05' };
    expect(buildManualSample({ ...skewed, end: '2026-03-29T14:05' }, context).ok).toBe(true);
    expect(buildManualSample({ ...skewed, end: '2026-03-29T14:06' }, context)).toMatchObject({
      ok: false,
      field: 'end',
    });
    const spo2 = {
      type: 'OXYGEN_SATURATION' as const,
      unit: '%',
      start: '2026-03-29T09:00',
      end: '',
    };
    const fraction = buildManualSample({ ...spo2, value: '0.97' }, context);
    expect(fraction).toMatchObject({ ok: false, field: 'value' });
  });

  it('writes into the manual device’s series, replacing a re-entered sample, and marks the day', async () => {
    const db = await createHearthDatabase({
      name: `entry-${Date.now()}`,
      storage: getRxStorageMemory(),
      multiInstance: false,
    });
    const changes = new LocalChanges(null, 'k');
    const input = {
      type: 'STEPS' as const,
      unit: 'steps',
      start: '2026-03-29T09:00',
      end: '2026-03-29T09:30',
    };
    const first = buildManualSample({ ...input, value: '500' }, context);
    const again = buildManualSample({ ...input, value: '650' }, context);
    if (!first.ok || !again.ok) throw new Error('expected valid samples');
    await saveManualSample(db, changes, first.sample, context.timeZone);
    await saveManualSample(db, changes, again.sample, context.timeZone);
    const docs = (await db.series.find().exec()).map((d) => d.toJSON());
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({
      deviceId: 'manual-1',
      type: 'STEPS',
      updatedAt: PENDING_UPDATED_AT,
    });
    expect(docs[0]!.points).toEqual([
      [Date.parse('2026-03-29T07:00:00Z'), Date.parse('2026-03-29T07:30:00Z'), 650],
    ]);
    expect(changes.state.days.has('STEPS|2026-03-29')).toBe(true);
    await db.close();
  });
});

describe('manual entry units', () => {
  it('offers the units a person reads, never wire synonyms', () => {
    expect(unitsFor('BLOOD_GLUCOSE')).toEqual(['mg/dL', 'mmol/L']);
    expect(unitsFor('HEART_RATE')).toEqual(['bpm']);
    expect(unitsFor('ACTIVE_ENERGY')).not.toContain('J');
    expect(unitsFor('BODY_FAT')).not.toContain('fraction');
  });

  it('stores stones and pounds as kilograms', () => {
    const result = buildManualSample(
      { type: 'WEIGHT', value: '11', pounds: '4', unit: 'st', start: '2026-03-29T08:15', end: '' },
      context,
    );
    expect(result.ok && result.sample.value).toBe(158 * 0.45359237);
  });

  it('says what is wrong in words', () => {
    const backwards = buildManualSample(
      {
        type: 'STEPS',
        value: '500',
        unit: 'steps',
        start: '2026-03-29T10:00',
        end: '2026-03-29T09:00',
      },
      context,
    );
    expect(backwards).toEqual({ ok: false, field: 'end', message: 'The end is before the start.' });
    const empty = buildManualSample(
      { type: 'WEIGHT', value: ' ', unit: 'kg', start: '2026-03-29T08:15', end: '' },
      context,
    );
    expect(empty).toEqual({ ok: false, field: 'value', message: 'Enter a number.' });
    // The range is said in the unit typed, not core's kilograms.
    const heavy = buildManualSample(
      { type: 'WEIGHT', value: '200', pounds: '0', unit: 'st', start: '2026-03-29T08:15', end: '' },
      context,
    );
    expect(heavy).toEqual({
      ok: false,
      field: 'value',
      message: 'Weight must be more than 0 st 0 lb and at most 157 st 7 lb.',
    });
  });
});
