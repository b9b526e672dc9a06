import { applyFormatPreferences } from './currentFormat.js';

// Tests read text in one fixed locale and set of units, whatever the machine's language: the
// metric defaults with British dates and a 24-hour clock. Tests of other locales build their own.
applyFormatPreferences(
  { displayUnits: { WEIGHT: 'kg', DISTANCE: 'km', BLOOD_GLUCOSE: 'mg/dL' }, hourCycle: 'h23' },
  'en-GB',
);
