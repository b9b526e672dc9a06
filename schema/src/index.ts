export * from './health-types.js';
export { parseInstant } from './instant.js';
export {
  DAYS_PER_400_YEARS,
  EPOCH_SHIFT,
  MS_PER_DAY,
  MS_PER_HOUR,
  daysFromCivil,
} from './calendar.js';
export { digitAt, lastDayOfMonth, twoDigits } from './digits.js';
export * from './samples.js';
export * from './series.js';
export * from './rollups.js';
export * from './insights.js';
export * from './preferences.js';
export * from './settings.js';
export * from './devices.js';
export * from './auth.js';
export * from './sharing.js';
export * from './replication.js';
export * from './errors.js';
export * from './admin.js';
export * from './account.js';
export * from './doc-json-schema.js';
export * from './stream-close.js';
