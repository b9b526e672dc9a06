import { METRIC_CONFIG } from '@hearth/schema';
import { EXPORT_METRICS, exportValue } from './fhir-codes.js';
import type { SharedDay } from './shared-day.js';

export const CSV_COLUMNS = [
  'type',
  'metric',
  'date',
  'period_start',
  'period_end',
  'value',
  'unit',
  'min',
  'max',
  'sample_count',
] as const;

/** RFC 4180 line break: CRLF, also inside the last record. */
const CRLF = '\r\n';

/**
 * One field per RFC 4180: quoted (with inner quotes doubled) when it holds a comma, a quote,
 * CR or LF, or leading/trailing spaces that a spreadsheet would otherwise trim.
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(fields: ReadonlyArray<string | number | undefined>): string {
  return fields.map(csvField).join(',');
}

function dayRecord(day: SharedDay): string {
  const metric = EXPORT_METRICS[day.type];
  const inUnit = (v: number | undefined) =>
    v === undefined ? undefined : exportValue(day.type, v);
  return csvRecord([
    day.type,
    METRIC_CONFIG[day.type].displayName,
    day.date,
    day.start,
    day.end,
    inUnit(day.value),
    metric.unit,
    inUnit(day.minValue),
    inUnit(day.maxValue),
    day.sampleCount,
  ]);
}

/** Header row, then one row per type and day, in the order given; CRLF line ends. */
export function buildCsv(days: readonly SharedDay[]): string {
  return [csvRecord(CSV_COLUMNS), ...days.map(dayRecord)].join(CRLF) + CRLF;
}
