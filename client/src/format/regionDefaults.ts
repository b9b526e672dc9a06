import { DISPLAY_UNITS, type DisplayUnit, type HealthDataType } from '@hearth/schema';

/**
 * Which unit each region reads a measure in, where it is not the metric default (the first of
 * DISPLAY_UNITS). Sources of the facts:
 * - weight and distance: the US (and Liberia, Myanmar) use US customary units for body weight and
 *   road distance; the UK weighs people in stones and pounds and signs roads in miles (UK
 *   Weights and Measures Act 1985, Schedule 1; Traffic Signs Regulations 2016).
 * - energy: Australia and New Zealand label food energy in kilojoules (Food Standards Australia
 *   New Zealand, Standard 1.2.8); everyone else counts kilocalories.
 * - blood glucose: mg/dL in the US, France, Germany (both in use; mg/dL the more common), Italy,
 *   Spain, Austria, Belgium, Portugal, Japan, South Korea, Taiwan, India, Israel, Egypt and most of
 *   Latin America; mmol/L (the SI unit) in the UK, Ireland, Canada, Australia, New Zealand, the
 *   Nordic countries, the Netherlands, Switzerland, Russia, China and South Africa (Wikipedia,
 *   "Blood sugar level", section "Units"; International Diabetes Federation, Diabetes Atlas,
 *   10th edition, which reports both). A region not listed gets mmol/L, the international default;
 *   no region at all (an unknown locale) gets the first of DISPLAY_UNITS.
 */
const MILES = new Set(['US', 'GB', 'LR', 'MM']);
const POUNDS = new Set(['US', 'LR', 'MM']);
const STONES = new Set(['GB']);
const KILOJOULES = new Set(['AU', 'NZ']);
const MG_PER_DL = new Set(
  'US FR DE IT ES AT BE PT JP KR TW IN IL EG MX BR AR CO CL PE VE EC UY PY BO'.split(' '),
);

/** The person's region from their locale ("en-US" → "US", "de" → "DE"); undefined if unknown. */
export function regionOf(locale: string): string | undefined {
  try {
    return new Intl.Locale(locale).maximize().region;
  } catch {
    return undefined;
  }
}

/** The unit a type is shown in for a region, before the person picks one. */
export function regionDefaultUnit<T extends HealthDataType>(
  type: T,
  region: string | undefined,
): DisplayUnit<T> {
  const units = DISPLAY_UNITS[type] as readonly DisplayUnit<T>[];
  const pick = (unit: string): DisplayUnit<T> =>
    units.find((u) => u === unit) ?? (units[0] as DisplayUnit<T>);
  const r = region ?? '';
  switch (type) {
    case 'WEIGHT':
      return pick(STONES.has(r) ? 'st' : POUNDS.has(r) ? 'lb' : 'kg');
    case 'DISTANCE':
      return pick(MILES.has(r) ? 'mi' : 'km');
    case 'ACTIVE_ENERGY':
      return pick(KILOJOULES.has(r) ? 'kJ' : 'kcal');
    case 'BLOOD_GLUCOSE':
      return pick(region === undefined || MG_PER_DL.has(r) ? 'mg/dL' : 'mmol/L');
    default:
      return units[0] as DisplayUnit<T>;
  }
}
