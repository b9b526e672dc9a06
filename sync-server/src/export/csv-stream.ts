import { METRIC_CONFIG } from '@hearth/schema';
import { csvRecord } from '../sharing/export/csv.js';
import { EXPORT_METRICS, exportValue } from '../sharing/export/fhir-codes.js';
import type { ExportRecord } from './account-records.js';

export const ACCOUNT_CSV_COLUMNS = [
  'record',
  'type',
  'metric',
  'period',
  'start',
  'end',
  'value',
  'unit',
  'min',
  'max',
  'sample_count',
  'source',
  'sleep_stage',
] as const;

const CRLF = '\r\n';

function row(record: ExportRecord): string {
  const inUnit = (v: number | undefined) =>
    v === undefined ? undefined : exportValue(record.type, v);
  // A sample's steps are a count, not a rate: the unit without "/day".
  const unit = EXPORT_METRICS[record.type].unit.replace('/day', '');
  const common = [METRIC_CONFIG[record.type].displayName];
  if (record.kind === 'sample') {
    return csvRecord([
      'sample',
      record.type,
      ...common,
      'sample',
      record.start,
      record.end,
      inUnit(record.value),
      unit,
      undefined,
      undefined,
      1,
      record.source,
      record.stage ?? undefined,
    ]);
  }
  return csvRecord([
    'rollup',
    record.type,
    ...common,
    record.period,
    record.start,
    record.end,
    inUnit(record.value),
    unit,
    inUnit(record.minValue),
    inUnit(record.maxValue),
    record.sampleCount,
    undefined,
    undefined,
  ]);
}

/** RFC 4180 CSV (the sharing export's field rules), a header then one line per record. */
export async function* csvChunks(records: AsyncIterable<ExportRecord>): AsyncGenerator<string> {
  yield csvRecord(ACCOUNT_CSV_COLUMNS) + CRLF;
  for await (const record of records) yield row(record) + CRLF;
}
