import { PLAUSIBLE_RANGES, toCanonicalUnit } from '@hearth/core';
import { METRIC_CONFIG, type HealthDataType } from '@hearth/schema';
import { format } from '../../format/currentFormat.js';
import { POUNDS_PER_STONE, inUnit, stonesAndPounds } from '../../format/units.js';

/**
 * What a person typed for one value in one of the type's display units: in "st", `value` is the
 * whole stones and `pounds` the rest ("11 st 4 lb"); elsewhere `pounds` is unused.
 */
export type TypedFigure = { value: string; pounds?: string | undefined };

/**
 * A number as a person types it in their locale: "10,000" steps in en-US is ten thousand, not
 * ten; "71,5" kg in de-DE is 71.5, and so is "71.5" anywhere. A separator that is not the
 * locale's decimal one counts as grouping only where it groups whole thousands ("10.000" in
 * de-DE, "1,234.5" in en-US); otherwise either separator is a decimal point, as people also type.
 * Spaces (fr-FR groups with a narrow no-break space) are ignored. Empty or not a number is NaN.
 */
export function parseTypedNumber(text: string, locale: string): number {
  const typed = text.trim().replace(/[\s\u00a0\u202f'\u2019]/g, '');
  if (typed === '') return NaN;
  const decimal = decimalSeparator(locale);
  for (const group of [',', '.']) {
    if (group === decimal) continue;
    const grouped = new RegExp(`^-?\\d{1,3}(\\${group}\\d{3})+(\\${decimal}\\d*)?$`);
    if (grouped.test(typed)) return Number(typed.split(group).join('').replace(decimal, '.'));
  }
  return /^-?\d*[.,]?\d*$/.test(typed) ? Number(typed.replace(',', '.')) : NaN;
}

const decimals = new Map<string, string>();
function decimalSeparator(locale: string): string {
  let found = decimals.get(locale);
  if (found === undefined) {
    const parts = new Intl.NumberFormat(locale).formatToParts(1.5);
    found = parts.find((p) => p.type === 'decimal')?.value ?? '.';
    decimals.set(locale, found);
  }
  return found;
}

const typedNumber = (text: string) => parseTypedNumber(text, format().locale);

/** The typed figure as a number in a unit core accepts: stones and pounds become pounds. */
export function typedInUnit(figure: TypedFigure, unit: string): { value: number; unit: string } {
  const value = typedNumber(figure.value);
  if (unit !== 'st') return { value, unit };
  const pounds = figure.pounds?.trim() ? typedNumber(figure.pounds) : 0;
  return { value: value * POUNDS_PER_STONE + pounds, unit: 'lb' };
}

/** The typed figure in the type's canonical unit (core's factors), or null if it is no number. */
export function canonicalOfTyped(
  type: HealthDataType,
  figure: TypedFigure,
  unit: string,
): number | null {
  const typed = typedInUnit(figure, unit);
  if (!Number.isFinite(typed.value)) return null;
  return toCanonicalUnit(type, typed.value, typed.unit);
}

/**
 * A canonical value as the fields of `unit` show it before a person edits it: at most two
 * decimals (pounds one), so a form does not open on "157.6307278".
 */
export function typedOfCanonical(
  type: HealthDataType,
  canonical: number,
  unit: string,
): TypedFigure {
  if (type === 'WEIGHT' && unit === 'st') {
    const { stones, pounds } = stonesAndPounds(canonical, 1);
    return { value: String(stones), pounds: String(pounds) };
  }
  return { value: String(Math.round(inUnit(type, canonical, unit) * 100) / 100), pounds: '' };
}

/**
 * Why a value core refuses as implausible cannot be, in the unit the person typed in (core's own
 * message names the canonical unit, and the API's field names).
 */
export function implausibleValueMessage(type: HealthDataType, unit: string): string {
  const name = METRIC_CONFIG[type].displayName;
  if (type === 'SLEEP_ANALYSIS')
    return `${name} can be at most the time from its start to its end.`;
  const { min, max, minExclusive } = PLAUSIBLE_RANGES[type];
  const inTyped = (canonical: number): string => {
    if (unit === 'st') {
      const { stones, pounds } = stonesAndPounds(canonical);
      return `${format().number(stones)} st ${format().number(pounds)} lb`;
    }
    return `${format().number(inUnit(type, canonical, unit), 1)} ${unit}`;
  };
  return `${name} must be ${minExclusive ? 'more than' : 'at least'} ${inTyped(min)} and at most ${inTyped(max)}.`;
}
