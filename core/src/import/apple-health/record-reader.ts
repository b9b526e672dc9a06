import type { HealthDataType } from '@hearth/schema';
import { checkPlausibleValue } from '../../normalize/ranges.js';
import { checkSampleTimes, MAX_SAMPLE_SPAN_MS } from '../../normalize/sample-times.js';
import type { ImportedSample, SkipReason } from '../types.js';
import { parseAppleDate } from './apple-date.js';
import { APPLE_SLEEP_STAGES, APPLE_TYPES, hearthUnit, toCanonicalValue } from './apple-types.js';
import type { RecordFields } from './export-scanner.js';
import type { ImportTally } from './import-tally.js';
import type { SourceRegistry } from './source-registry.js';
import { decodeXmlEntities } from './xml-entities.js';

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

  read(fields: RecordFields, inCorrelation: boolean): ImportedSample | null {
    this.tally.records++;
    if (fields.type !== this.lastTypeText) {
      this.lastTypeText = fields.type;
      this.lastType = APPLE_TYPES.get(fields.type);
    }
    const type = this.lastType;
    if (inCorrelation) {
      // A correlation (blood pressure, a meal) repeats its records at top level.
      this.tally.skip('in-correlation', type);
      return null;
    }
    if (type === undefined) {
      this.tally.skip('unsupported-type');
      return null;
    }
    const source = this.registry.indexOf(fields.sourceName, fields.device);
    const sample = this.sample(type, fields, source);
    if (typeof sample === 'string') {
      this.tally.skip(sample, type, source);
      return null;
    }
    this.tally.kept(type, source);
    return sample;
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
    const timesError = checkSampleTimes(start, end, this.now);
    if (timesError) return timeSkipReason(timesError.code, end - start);
    if (type === 'SLEEP_ANALYSIS') {
      const sleepStage = APPLE_SLEEP_STAGES.get(fields.value);
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
