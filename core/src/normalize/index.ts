export { normalizeSample, normalizeSamplePoint } from './normalize-sample.js';
export type {
  NormalizeOptions,
  NormalizeResult,
  SamplePoint,
  SamplePointResult,
} from './normalize-sample.js';
export { ACCEPTED_UNITS, GLUCOSE_MGDL_PER_MMOLL, canonicalUnit, toCanonicalUnit } from './units.js';
export { fromCanonicalUnit } from './display-units.js';
export { PLAUSIBLE_RANGES, checkPlausibleValue } from './ranges.js';
export {
  EARLIEST_SAMPLE_MS,
  LATEST_SAMPLE_MS,
  MAX_FUTURE_MS,
  MAX_SAMPLE_SPAN_MS,
  checkSampleTimes,
} from './sample-times.js';
export type { TimeNames } from './sample-times.js';
export type { PlausibleRange } from './ranges.js';
