export { seriesId, utcHourStart } from './series-key.js';
export { comparePoints, mergeSeriesPoints, samePoint } from './points.js';
export {
  ASLEEP_CODE,
  isSleepStage,
  isSleepStageCode,
  pointStageCode,
  seriesPoint,
  sleepStageCode,
  sleepStageOfCode,
} from './stages.js';
export { groupIntoSeries, SeriesGrouper } from './group.js';
export type { SeriesGroup } from './group.js';
export { seriesToSamples } from './to-samples.js';
export { validateSeriesPoints } from './validate.js';
export type { SeriesValidation, SeriesValidationOptions } from './validate.js';
export { resolveSourcePriority } from './priority.js';
export type { PrioritisedDevice } from './priority.js';
