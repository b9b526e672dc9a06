import { normalizeSample, resolveWallTime } from '@hearth/core';
import {
  DISPLAY_UNITS,
  isCumulativeType,
  type HealthDataType,
  type HealthSample,
} from '@hearth/schema';
import { implausibleValueMessage, typedInUnit } from './typedFigure.js';
import type { LocalChanges } from '../../data/localChanges.js';
import { writeSamples } from '../../data/writeSamples.js';
import type { HearthDatabase } from '../../db/types.js';

export type ManualEntryInput = {
  type: HealthDataType;
  value: string;
  /** One of the type's display units; core converts it to canonical. */
  unit: string;
  /** With `unit` "st": the pounds after the whole stones ("11 st 4 lb"); empty means 0. */
  pounds?: string | undefined;
  /** `YYYY-MM-DDTHH:mm` on the clock of the user's time zone (an `<input type=datetime-local>`). */
  start: string;
  /** Same, for types measured over an interval (steps, sleep…); ignored for point readings. */
  end: string;
};

export type ManualEntryResult =
  | { ok: true; sample: HealthSample }
  | { ok: false; field: 'value' | 'start' | 'end'; message: string };

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The instant a local date-time names in `timeZone` (the first one, if the clock repeats). */
export function instantOfLocalDateTime(text: string, timeZone: string): number | null {
  const match = LOCAL_DATE_TIME.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  return resolveWallTime(Date.UTC(y, mo - 1, d, h, mi), timeZone);
}

/**
 * Units offered for a type: the units a person reads it in (schema's DISPLAY_UNITS), never the
 * wire synonyms a device may send (`count/min`, `fraction`, `J`, `mmol<180.15…>/L`).
 */
export function unitsFor(type: HealthDataType): readonly string[] {
  return DISPLAY_UNITS[type];
}

/** Whether the form asks for an end time (amounts over an interval) or a single moment. */
export function needsInterval(type: HealthDataType): boolean {
  return isCumulativeType(type);
}

/**
 * Validates the form into a canonical sample of the manual-entry device, with core's rules
 * (`context.now` is the real clock: the future rule is core's, as on the device API).
 */
export function buildManualSample(
  input: ManualEntryInput,
  context: { timeZone: string; now: number; deviceId: string },
): ManualEntryResult {
  const start = instantOfLocalDateTime(input.start, context.timeZone);
  if (start === null) return { ok: false, field: 'start', message: 'Enter a date and time.' };
  const end = needsInterval(input.type)
    ? instantOfLocalDateTime(input.end, context.timeZone)
    : start;
  if (end === null) return { ok: false, field: 'end', message: 'Enter when it ended.' };
  const { value, unit } = typedInUnit(input, input.unit);
  if (!Number.isFinite(value)) return { ok: false, field: 'value', message: 'Enter a number.' };
  const result = normalizeSample(
    {
      type: input.type,
      value,
      unit,
      startDate: new Date(start).toISOString(),
      endDate: new Date(end).toISOString(),
    },
    { now: context.now, sourceDevice: context.deviceId },
  );
  if (result.ok) return { ok: true, sample: result.sample };
  const code = result.error.code;
  if (code === 'sample-in-future') {
    // Core's rule (the same on every path: a sample may end at most 5 minutes after now), put
    // in the form's words.
    const field = needsInterval(input.type) ? 'end' : 'start';
    return { ok: false, field, message: 'That time has not happened yet.' };
  }
  if (code === 'sample-end-before-start') {
    return { ok: false, field: 'end', message: 'The end is before the start.' };
  }
  if (code === 'sample-invalid-date') {
    return { ok: false, field: 'start', message: 'Enter a date and time.' };
  }
  return { ok: false, field: 'value', message: implausibleValueMessage(input.type, input.unit) };
}

/**
 * Writes a sample into the manual-entry device's series in the local replica through the app's
 * one local write path (`writeSamples`): works offline, and replication uploads it later. A
 * sample with the same start and end replaces the earlier one.
 */
export async function saveManualSample(
  db: HearthDatabase,
  localChanges: LocalChanges,
  sample: HealthSample,
  timeZone: string,
): Promise<void> {
  await writeSamples(db, localChanges, [sample], timeZone);
}
