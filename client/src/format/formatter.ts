import type { DisplayUnit, DisplayUnits, HealthDataType, HourCycle } from '@hearth/schema';
import { dateFormats } from './dates.js';
import { regionOf } from './regionDefaults.js';
import { displayUnitFor, inUnit, stonesAndPounds } from './units.js';

/** Everything a screen needs to write numbers and dates the way this person reads them. */
export type FormatSettings = {
  /** A BCP 47 tag: the browser's language (navigator.language). */
  locale: string;
  /** The person's 12/24 h choice; absent means the locale's own. */
  hourCycle?: HourCycle | undefined;
  displayUnits: DisplayUnits;
};

export type Formatter = ReturnType<typeof createFormatter>;

/**
 * The one place numbers, units, dates and times become text (Intl in the person's locale and
 * hour cycle, values in their display units). Intl objects are built once per formatter: a chart
 * formats hundreds of ticks per render.
 */
export function createFormatter(settings: FormatSettings) {
  const locale = supportedLocale(settings.locale);
  const region = regionOf(locale);
  const numberFormats = new Map<string, Intl.NumberFormat>();
  const number = (value: number, maxDigits = 0, compact = false): string => {
    const key = `${maxDigits}|${compact}`;
    let format = numberFormats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(locale, {
        maximumFractionDigits: maxDigits,
        ...(compact ? { notation: 'compact' } : {}),
      });
      numberFormats.set(key, format);
    }
    return format.format(value);
  };
  const hourCycle: HourCycle =
    settings.hourCycle ??
    (new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hour12 ? 'h12' : 'h23');
  const unitOf = <T extends HealthDataType>(type: T): DisplayUnit<T> =>
    displayUnitFor(type, settings.displayUnits, region);
  const duration = (minutes: number): string => {
    const total = Math.round(minutes);
    const hours = Math.floor(total / 60);
    const rest = String(total % 60).padStart(2, '0');
    return hours > 0 ? `${number(hours)} h ${rest} min` : `${number(total)} min`;
  };

  /** A canonical value as a person reads it: "8,432 steps", "7 h 05 min", "11 st 4 lb". */
  const metricValue = (type: HealthDataType, canonical: number): string => {
    const unit = unitOf(type);
    switch (type) {
      case 'SLEEP_ANALYSIS':
        return duration(canonical);
      case 'DISTANCE':
        if (unit === 'km' && canonical < 1000) return `${number(canonical)} m`;
        return `${number(inUnit(type, canonical, unit), 2)} ${unit}`;
      case 'WEIGHT': {
        if (unit !== 'st') return `${number(inUnit(type, canonical, unit), 1)} ${unit}`;
        const { stones, pounds } = stonesAndPounds(canonical);
        return `${number(stones)} st ${number(pounds)} lb`;
      }
      case 'BODY_FAT':
      case 'OXYGEN_SATURATION':
        return `${number(canonical, 1)} %`;
      case 'BLOOD_GLUCOSE':
        return unit === 'mmol/L'
          ? `${number(inUnit(type, canonical, unit), 1)} mmol/L`
          : `${number(canonical)} mg/dL`;
      default:
        return `${number(inUnit(type, canonical, unit))} ${unit}`;
    }
  };

  /** Short axis labels in the display unit: compact ("12K"), hours for sleep, no unit otherwise. */
  const axisValue = (type: HealthDataType, canonical: number): string => {
    const unit = unitOf(type);
    if (type === 'SLEEP_ANALYSIS') return `${number(canonical / 60, 1)} h`;
    if (type === 'DISTANCE') return `${number(inUnit(type, canonical, unit), 1)} ${unit}`;
    // Stones on an axis read as decimal stones would mislead; pounds are what the tick means.
    const axisUnit = type === 'WEIGHT' && unit === 'st' ? 'lb' : unit;
    return number(inUnit(type, canonical, axisUnit), 1, true);
  };

  return {
    locale,
    region,
    hourCycle,
    number,
    unitOf,
    duration,
    metricValue,
    axisValue,
    ...dateFormats(locale, hourCycle),
  };
}

/** The tag as Intl understands it; a malformed tag falls back to the runtime's default. */
function supportedLocale(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? new Intl.NumberFormat().resolvedOptions().locale;
  } catch {
    return new Intl.NumberFormat().resolvedOptions().locale;
  }
}
