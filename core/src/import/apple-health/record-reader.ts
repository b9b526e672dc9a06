import { isCumulativeType, type HealthDataType } from '@hearth/schema';
import { checkPlausibleValue } from '../../normalize/ranges.js';
import {
  checkSampleTimes,
  MAX_FUTURE_MS,
  MAX_SAMPLE_SPAN_MS,
} from '../../normalize/sample-times.js';
import type { ImportedSample, SkipReason } from '../types.js';
import { isCompactAppleDate, parseAppleDate } from './apple-date.js';
import {
  APPLE_SLEEP_STAGES,
  APPLE_TYPES,
  hearthUnit,
  LEGACY_IN_BED,
  toCanonicalValue,
} from './apple-types.js';
import type { RecordFields } from './export-scanner.js';
import type { ImportTally } from './import-tally.js';
import type { SourceRegistry } from './source-registry.js';
import { decodeXmlEntities } from './xml-entities.js';

/** The longest local day: 25 hours, where clocks go back an hour. */
const MAX_DAY_MS = 25 * 3_600_000;

/**
 * Turns one `Record` into a sample, or counts why not. Every check is core's own (units, value
 * ranges, the interval rules of the device API), so a kept sample is one the server accepts.
 */
export class RecordReader {
  /**
   * Exports list records type by type, so the last type's text is compared first: two strings
   * compare faster than a fresh one hashes (a map lookup per record was ~1 µs of ~10).
   */
  private lastTypeText = '';
  private lastType: HealthDataType | undefined;

  constructor(
    private readonly tally: ImportTally,
    private readonly registry: SourceRegistry,
    private readonly now: number | undefined,
  ) {}

  /** Reads one record into `out` (nothing, one sample, or the two halves of a DST day). */
  read(fields: RecordFields, inCorrelation: boolean, out: ImportedSample[]): void {
    this.tally.records++;
    if (fields.type !== this.lastTypeText) {
      this.lastTypeText = fields.type;
      this.lastType = APPLE_TYPES.get(fields.type);
    }
    const type = this.lastType;
    if (inCorrelation) {
      // A correlation (blood pressure, a meal) repeats its records at top level.
      this.tally.skip('in-correlation', type);
      return;
    }
    if (type === undefined) {
      this.tally.skip('unsupported-type');
      return;
    }
    const source = this.registry.indexOf(fields.sourceName, fields.device);
    const sample = this.sample(type, fields, source);
    if (typeof sample === 'string') {
      this.tally.skip(sample, type, source);
      return;
    }
    if (sample.end - sample.start <= MAX_SAMPLE_SPAN_MS) {
      this.tally.kept(type, source);
      out.push(sample);
      return;
    }
    // A day-long amount on the day clocks go back lasts 25 hours (iOS 8 exports hold such
    // records): samples span at most 24 hours, so it becomes two halves, each worth half, which
    // roll up as the whole does (an amount is spread evenly over its interval).
    const middle = sample.start + Math.floor((sample.end - sample.start) / 2);
    for (const [start, end] of [
      [sample.start, middle],
      [middle, sample.end],
    ] as const) {
      this.tally.kept(type, source);
      out.push({ ...sample, start, end, value: sample.value / 2 });
    }
  }

  private sample(
    type: HealthDataType,
    fields: RecordFields,
    source: number,
  ): ImportedSample | SkipReason {
    if (!fields.startDate || !fields.endDate) return 'missing-date';
    const start = parseAppleDate(fields.startDate);
    const end = parseAppleDate(fields.endDate);
    if (start === null || end === null) return 'bad-date';
    // An amount may last a whole local day, 25 hours where clocks go back (split by `read`).
    const span = end - start;
    const splittable = span > MAX_SAMPLE_SPAN_MS && span <= MAX_DAY_MS && isCumulativeType(type);
    const timesError = checkSampleTimes(start, splittable ? start : end, this.now);
    if (timesError) return timeSkipReason(timesError.code, span);
    if (splittable && this.now !== undefined && end > this.now + MAX_FUTURE_MS) {
      return 'out-of-range';
    }
    if (type === 'SLEEP_ANALYSIS') {
      const legacyInBed = fields.value === '' && isCompactAppleDate(fields.startDate);
      const sleepStage = APPLE_SLEEP_STAGES.get(legacyInBed ? LEGACY_IN_BED : fields.value);
      if (sleepStage === undefined) return 'bad-value';
      // A sleep record's value is its category; its amount is its interval, in minutes.
      return { type, start, end, value: (end - start) / 60_000, sleepStage, source };
    }
    if (!fields.value) return 'bad-value';
    const written = Number(fields.value);
    if (!Number.isFinite(written)) return 'bad-value';
    // Apple writes glucose in `mmol&lt;180.1558800000541&gt;/L`: decode the entities.
    const unit = decodeXmlEntities(fields.unit);
    const value = toCanonicalValue(type, written, unit);
    if (value === null) return 'unknown-unit';
    if (checkPlausibleValue(type, value, end - start, hearthUnit(type, unit))) {
      return 'out-of-range';
    }
    // `+ 0` turns -0 into 0, as core's normaliser does.
    return { type, start, end, value: value + 0, source };
  }
}

function timeSkipReason(code: string, spanMs: number): SkipReason {
  if (code === 'sample-end-before-start') return 'end-before-start';
  // A record from the future is outside the instants accepted, as a year nothing can store is.
  if (code === 'sample-in-future') return 'out-of-range';
  // `sample-invalid-date` covers both a span over 24 hours and a year outside 1900–2200.
  return spanMs > MAX_SAMPLE_SPAN_MS ? 'too-long' : 'out-of-range';
}
