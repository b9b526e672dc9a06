export { jsonEqual, sameClientFields } from './json-equal.js';
export {
  mergeAcknowledged,
  mergeFieldsThreeWay,
  mergeSeriesConflict,
  resolveConflict,
} from './conflict-merge.js';
export type { ConflictInput, ConflictResolution, PushedCollection } from './conflict-merge.js';
