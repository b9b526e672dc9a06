import {
  HEALTH_DATA_TYPES,
  METRIC_CONFIG,
  SLEEP_STAGES,
  type HealthDataType,
  type HealthSample,
  type SampleError,
  type SampleErrorCode,
} from '@hearth/schema';
import { checkPlausibleValue } from './ranges.js';
import { checkSampleTimes } from './sample-times.js';
import { ACCEPTED_UNITS, toCanonicalUnit } from './units.js';
import { parseInstant } from '../time/instant.js';
import { ASLEEP_CODE, isSleepStage, sleepStageCode, sleepStageOfCode } from '../series/stages.js';

type Failure = { ok: false; error: SampleError };

export type NormalizeResult = { ok: true; sample: HealthSample } | Failure;

/**
 * A valid sample reduced to what a series stores: its type, its UTC interval in epoch
 * milliseconds, its value in the canonical unit and, for a sleep stage other than asleep, the
 * stage's point code (core/src/series/stages.ts). Source, app and metadata are left out.
 */
export interface SamplePoint {
  ok: true;
  type: HealthDataType;
  start: number;
  end: number;
  value: number;
  stage?: number;
}

export type SamplePointResult = SamplePoint | Failure;

export interface NormalizeOptions {
  /** The current time (epoch ms). Without it the "in the future" check is skipped: core has no clock. */
  now?: number;
  /** The authenticated device id; it overrides whatever `sourceDevice` the sample claims. */
  sourceDevice?: string;
}

const fail = (code: SampleErrorCode, message: string): Failure => ({
  ok: false,
  error: { code, message },
});

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const KNOWN_TYPES: ReadonlySet<string> = new Set(HEALTH_DATA_TYPES);
const isHealthDataType = (x: string): x is HealthDataType => KNOWN_TYPES.has(x);

/** Quotes client text in a message without letting a huge string through. */
const quote = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

const DATE_HINT = 'an ISO 8601 date-time with an offset or Z, e.g. 2026-01-01T10:00:00Z';

/** The optional fields must have their types even though a series does not keep them. */
function optionalFieldsFail(raw: Record<string, unknown>): Failure | null {
  const { sourceDevice, sourceApp, metadata } = raw;
  if (
    (sourceDevice !== undefined && typeof sourceDevice !== 'string') ||
    (sourceApp !== undefined && typeof sourceApp !== 'string') ||
    (metadata !== undefined && !isRecord(metadata))
  ) {
    return fail(
      'sample-invalid-shape',
      'sourceDevice and sourceApp must be strings and metadata an object when given.',
    );
  }
  return null;
}

/**
 * Checks the shape, the type, that the value is a number, the unit is known and the sleep stage
 * is one (on sleep only); converts the value.
 */
function readValue(raw: unknown): { type: HealthDataType; value: number; stage: number } | Failure {
  if (!isRecord(raw)) {
    return fail(
      'sample-invalid-shape',
      'A sample must be an object with type, value, unit, startDate and endDate.',
    );
  }
  const { type, value, unit } = raw;
  if (typeof type !== 'string') return fail('sample-invalid-shape', 'type must be a string.');
  if (!isHealthDataType(type)) {
    return fail(
      'sample-unknown-type',
      `Unknown type ${quote(type)}; expected one of ${HEALTH_DATA_TYPES.join(', ')}.`,
    );
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return fail('sample-invalid-value', 'value must be a finite number.');
  }
  if (typeof unit !== 'string') return fail('sample-invalid-shape', 'unit must be a string.');
  const shapeFailure = optionalFieldsFail(raw);
  if (shapeFailure) return shapeFailure;
  const canonical = toCanonicalUnit(type, value, unit);
  if (canonical === null) {
    return fail(
      'sample-unknown-unit',
      `Unit ${quote(unit)} is not accepted for ${type}; use one of ${ACCEPTED_UNITS[type].join(', ')}.`,
    );
  }
  const stage = readStage(type, raw.sleepStage);
  if (typeof stage !== 'number') return stage;
  // `+ 0` turns -0 into 0, so equal samples serialise equally.
  return { type, value: canonical + 0, stage };
}

/** The point code of `sleepStage`: only sleep has one, absent means asleep (code 0). */
function readStage(type: HealthDataType, sleepStage: unknown): number | Failure {
  if (sleepStage === undefined) return ASLEEP_CODE;
  if (type !== 'SLEEP_ANALYSIS') {
    return fail('sample-invalid-stage', 'sleepStage is only for SLEEP_ANALYSIS samples.');
  }
  if (typeof sleepStage !== 'string' || !isSleepStage(sleepStage)) {
    const sent =
      typeof sleepStage === 'string'
        ? `Unknown sleepStage ${quote(sleepStage)}`
        : 'sleepStage must be a string';
    return fail('sample-invalid-stage', `${sent}; expected one of ${SLEEP_STAGES.join(', ')}.`);
  }
  return sleepStageCode(sleepStage);
}

/** Parses the two instants and checks their years, order, span and distance from `now`. */
function readInterval(
  startDate: unknown,
  endDate: unknown,
  now: number | undefined,
): { start: number; end: number } | Failure {
  const start = typeof startDate === 'string' ? parseInstant(startDate) : null;
  if (start === null) return fail('sample-invalid-date', `startDate must be ${DATE_HINT}.`);
  const end = typeof endDate === 'string' ? parseInstant(endDate) : null;
  if (end === null) return fail('sample-invalid-date', `endDate must be ${DATE_HINT}.`);
  const timesError = checkSampleTimes(start, end, now);
  if (timesError) return { ok: false, error: timesError };
  return { start, end };
}

/**
 * Validates a raw sample and reduces it to a series point: the same checks, in the same order,
 * with the same messages as `normalizeSample`, without building dates back into text (the device
 * ingest path, where a batch holds thousands of samples).
 */
export function normalizeSamplePoint(raw: unknown, now?: number): SamplePointResult {
  const read = readValue(raw);
  if ('ok' in read) return read;
  const { startDate, endDate, unit } = raw as Record<string, unknown>;
  const interval = readInterval(startDate, endDate, now);
  if ('ok' in interval) return interval;
  const { type, value, stage } = read;
  const rangeError = checkPlausibleValue(
    type,
    value,
    interval.end - interval.start,
    unit as string,
  );
  if (rangeError) return { ok: false, error: rangeError };
  const point: SamplePoint = { ok: true, type, start: interval.start, end: interval.end, value };
  if (stage !== ASLEEP_CODE) point.stage = stage;
  return point;
}

/**
 * Validates a raw sample and converts it to canonical units and UTC instants. Never throws: any
 * input gives either a sample or one error with a stable code and a message a person can act on.
 * Messages never echo the value or dates (they are health data); they name the rule broken.
 */
export function normalizeSample(raw: unknown, options: NormalizeOptions = {}): NormalizeResult {
  const point = normalizeSamplePoint(raw, options.now);
  if (!point.ok) return point;
  const { sourceDevice, sourceApp, metadata } = raw as Record<string, unknown>;
  const sample: HealthSample = {
    type: point.type,
    value: point.value,
    unit: METRIC_CONFIG[point.type].unit,
    startDate: new Date(point.start).toISOString(),
    endDate: new Date(point.end).toISOString(),
    sourceDevice: options.sourceDevice ?? (sourceDevice as string | undefined) ?? '',
  };
  if (point.stage !== undefined) sample.sleepStage = sleepStageOfCode(point.stage);
  if (sourceApp !== undefined) sample.sourceApp = sourceApp as string;
  if (metadata !== undefined) sample.metadata = metadata as Record<string, unknown>;
  return { ok: true, sample };
}
