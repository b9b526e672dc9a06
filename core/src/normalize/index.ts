export { normalizeSample, normalizeSamplePoint, MAX_FUTURE_MS } from './normalize-sample.js';
export type {
  NormalizeOptions,
  NormalizeResult,
  SamplePoint,
  SamplePointResult,
} from './normalize-sample.js';
export { ACCEPTED_UNITS, GLUCOSE_MGDL_PER_MMOLL, canonicalUnit, toCanonicalUnit } from './units.js';
export { PLAUSIBLE_RANGES, MAX_SAMPLE_SPAN_MS, checkPlausibleValue } from './ranges.js';
export type { PlausibleRange } from './ranges.js';
