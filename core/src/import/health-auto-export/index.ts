export { mapHealthAutoExport } from './map-payload.js';
export { haeDateToIso } from './dates.js';
export { HAE_AGGREGATIONS, HAE_METRIC_TYPES, type HaeAggregation } from './metrics.js';
export type * from './types.js';
