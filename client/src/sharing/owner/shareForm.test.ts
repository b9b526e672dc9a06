import { describe, expect, it } from 'vitest';
import { addLocalDays } from '@hearth/core';
import {
  expiresAtFor,
  initialShareForm,
  toCreateShareLink,
  toggleType,
  type ShareFormState,
} from './shareForm.js';

const now = new Date(2026, 2, 10, 9, 30); // 10 March 2026, 09:30 local

function form(overrides: Partial<ShareFormState> = {}): ShareFormState {
  return { ...initialShareForm(now), dataTypes: ['STEPS'], ...overrides };
}

describe('initialShareForm', () => {
  it('covers the last 30 finished days, up to yesterday, with a 30-day link', () => {
    expect(initialShareForm(now)).toMatchObject({
      dataTypes: [],
      dateStart: '2026-02-08',
      dateEnd: '2026-03-09',
      expiry: '30',
    });
  });
});

describe('toggleType', () => {
  it('adds and removes, keeping the canonical order', () => {
    expect(toggleType(['WEIGHT'], 'STEPS')).toEqual(['STEPS', 'WEIGHT']);
    expect(toggleType(['STEPS', 'WEIGHT'], 'STEPS')).toEqual(['WEIGHT']);
  });
});

describe('expiresAtFor', () => {
  it('counts preset days from now', () => {
    for (const days of [7, 30, 90] as const) {
      const at = expiresAtFor(form({ expiry: String(days) as '7' | '30' | '90' }), now);
      expect(at?.getTime()).toBe(now.getTime() + days * 86_400_000);
    }
  });

  it('ends a chosen date at its last local millisecond', () => {
    const at = expiresAtFor(form({ expiry: 'date', expiryDate: '2026-04-01' }), now);
    expect(at).toEqual(new Date(2026, 3, 1, 23, 59, 59, 999));
  });

  it('is null when the date is missing', () => {
    expect(expiresAtFor(form({ expiry: 'date', expiryDate: '' }), now)).toBeNull();
  });
});

describe('toCreateShareLink', () => {
  it('builds the request body, leaving out an empty email', () => {
    const result = toCreateShareLink(form({ dataTypes: ['HEART_RATE', 'STEPS'] }), now);
    expect(result).toEqual({
      body: {
        dataTypes: ['HEART_RATE', 'STEPS'],
        dateStart: '2026-02-08',
        dateEnd: '2026-03-09',
        expiresAt: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
      },
    });
  });

  it('keeps a trimmed recipient email', () => {
    const result = toCreateShareLink(form({ recipientEmail: '  dr.lee@clinic.example ' }), now);
    expect('body' in result && result.body.recipientEmail).toBe('dr.lee@clinic.example');
  });

  it('says what to fix, one message per field', () => {
    const result = toCreateShareLink(
      form({
        dataTypes: [],
        dateStart: '2026-03-10',
        dateEnd: '2026-03-01',
        expiry: 'date',
        expiryDate: '2026-03-09',
      }),
      now,
    );
    expect(result).toEqual({
      errors: {
        dataTypes: 'Choose at least one metric to share.',
        dates: 'The first day must not be after the last day.',
        expiry: 'Choose a day in the future.',
      },
    });
  });

  it('accepts today as the expiry date (the link lasts until its end)', () => {
    const result = toCreateShareLink(form({ expiry: 'date', expiryDate: '2026-03-10' }), now);
    expect('body' in result).toBe(true);
  });

  it('rejects a malformed email', () => {
    expect(toCreateShareLink(form({ recipientEmail: 'not-an-email' }), now)).toEqual({
      errors: { recipientEmail: 'Enter a valid email address, or leave it empty.' },
    });
  });
});

describe('addLocalDays, as the form uses it', () => {
  it('crosses month and year ends', () => {
    expect(addLocalDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addLocalDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
