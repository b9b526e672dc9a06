import { DISPLAY_UNITS, type HealthDataType } from '@hearth/schema';
import { formatMetricValue } from '../../format/metricFormat.js';
import type { Trend } from './metricSummary.js';
import { format } from '../../format/currentFormat.js';
import { unitName } from '../../format/units.js';

/** A local date (`YYYY-MM-DD`) as "Mar 8, 2026": a calendar day, not an instant. */
export function formatDay(date: string): string {
  return format().date(Date.parse(`${date}T00:00:00Z`), 'day', 'UTC');
}

/** "Mar 8" for chart axes; "Mar 8, 2026" when the axis spans years. */
export function formatShortDay(date: string, withYear = false): string {
  return format().axisDate('day', Date.parse(`${date}T00:00:00Z`), 'UTC', withYear);
}

export function formatRange(range: { start: string; end: string }): string {
  return range.start === range.end
    ? formatDay(range.start)
    : `${formatDay(range.start)} – ${formatDay(range.end)}`;
}

function signed(type: HealthDataType, change: number): string {
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  return `${sign}${formatMetricValue(type, Math.abs(change))}`;
}

/** "Rising: +6 bpm over 6 days", "Steady (−0.2 kg over 8 days)", or why there is none. */
export function trendText(type: HealthDataType, trend: Trend | null): string {
  if (!trend) return 'Too few days for a trend';
  const over = `${signed(type, trend.change)} over ${trend.spanDays} days`;
  switch (trend.direction) {
    case 'rising':
      return `Rising: ${over}`;
    case 'falling':
      return `Falling: ${over}`;
    case 'steady':
      return `Steady (${over})`;
  }
}

/**
 * Which units the viewer's figures are in. The viewer writes in the units of the reader's own
 * browser region (a clinician in Boston reads lb and mg/dL, one in Leeds st and mmol/L), not in
 * the link owner's preferences: the reader is the one who must not misread a figure, and a share
 * carries no preferences. Null when every shared type has one unit only.
 */
export function unitsNote(types: readonly HealthDataType[]): string | null {
  const f = format();
  const units = [
    ...new Set(types.filter((t) => DISPLAY_UNITS[t].length > 1).map((t) => unitName(f.unitOf(t)))),
  ];
  if (units.length === 0) return null;
  let where = 'for your browser’s language';
  try {
    const region = f.region && new Intl.DisplayNames(['en'], { type: 'region' }).of(f.region);
    if (region) where = `where you are (${region})`;
  } catch {
    // An unknown region code: the general wording stands.
  }
  // The sentence is the app's British English, so is its list ("kg, km and mg/dL").
  const list = new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(units);
  return `Figures are in the units usual ${where}: ${list}.`;
}
