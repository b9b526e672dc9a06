import { isCumulativeType, type HealthDataType } from '@hearth/schema';
import type { HaeMapOptions, HaeMapping, HaeRawSample } from './types.js';
import { AGGREGATION_MS, apiUnit, HAE_METRIC_TYPES } from './metrics.js';
import {
  dateField,
  isoAfter,
  isRecord,
  numberField,
  refuse,
  singleSource,
  type Read,
} from './points.js';
import { readSleepPoint } from './sleep.js';

/**
 * Maps a Health Auto Export REST body (`{"data":{"metrics":[{"name","units","data":[…]}],
 * "workouts":[…]}}`) to device API samples. Pure and total: every point becomes a sample, a
 * refusal with its reason, or a count under `skipped` (metrics Hearth does not store, workouts);
 * whether a sample is valid (units, ranges, dates) is decided by the same core validation as any
 * device's, on ingest.
 */
export function mapHealthAutoExport(body: unknown, options: HaeMapOptions): HaeMapping {
  const mapping: HaeMapping = { samples: [], refused: [], skipped: {}, points: 0 };
  const data = isRecord(body) && isRecord(body['data']) ? body['data'] : {};
  for (const [key, value] of Object.entries(data)) {
    if (key === 'metrics' || !Array.isArray(value)) continue;
    // Workouts, medications, state of mind…: not health types Hearth stores.
    mapping.skipped[key] = (mapping.skipped[key] ?? 0) + value.length;
    mapping.points += value.length;
  }
  const metrics = Array.isArray(data['metrics']) ? data['metrics'] : [];
  for (const metric of metrics) {
    if (!isRecord(metric)) continue;
    const name = typeof metric['name'] === 'string' ? metric['name'] : '';
    const points = Array.isArray(metric['data']) ? metric['data'] : [];
    mapping.points += points.length;
    const type = HAE_METRIC_TYPES[name];
    if (!type) {
      mapping.skipped[name] = (mapping.skipped[name] ?? 0) + points.length;
      continue;
    }
    const units = typeof metric['units'] === 'string' ? metric['units'] : '';
    points.forEach((point, index) => {
      const read: Read<{ sample: HaeRawSample; source: string | null }> =
        type === 'SLEEP_ANALYSIS'
          ? readSleepPoint(point, units)
          : readQuantityPoint(point, type, units, options);
      if (read.ok) mapping.samples.push({ ...read.value, metric: name, index });
      else mapping.refused.push({ metric: name, index, code: read.code, error: read.error });
    });
  }
  return mapping;
}

/**
 * A quantity point: `qty` (heart rate: `Avg`, HAE's points there carry `Min`/`Avg`/`Max`) at
 * `date`, or over `startDate`–`endDate` when the point has them. A point with only a `date` is
 * an aggregate over the automation's interval: an amount spreads over [date, date + interval), a
 * reading is the instant `date`.
 */
function readQuantityPoint(
  point: unknown,
  type: HealthDataType,
  units: string,
  options: HaeMapOptions,
): Read<{ sample: HaeRawSample; source: string | null }> {
  if (!isRecord(point)) return refuse('sample-invalid-shape', 'A point must be an object.');
  const value =
    type === 'HEART_RATE'
      ? (numberField(point, 'Avg') ?? numberField(point, 'qty'))
      : numberField(point, 'qty');
  if (value === null) {
    const field = type === 'HEART_RATE' ? 'Avg (or qty)' : 'qty';
    return refuse('sample-invalid-value', `The point's ${field} must be a finite number.`);
  }
  let startDate: string;
  let endDate: string;
  if (point['startDate'] !== undefined && point['endDate'] !== undefined) {
    const start = dateField(point, 'startDate');
    if (!start.ok) return start;
    const end = dateField(point, 'endDate');
    if (!end.ok) return end;
    [startDate, endDate] = [start.value.iso, end.value.iso];
  } else {
    const at = dateField(point, 'date');
    if (!at.ok) return at;
    startDate = at.value.iso;
    endDate = isCumulativeType(type)
      ? isoAfter(at.value, AGGREGATION_MS[options.aggregation])
      : startDate;
  }
  return {
    ok: true,
    value: {
      sample: { type, value, unit: apiUnit(units, value), startDate, endDate },
      source: singleSource(point['source']),
    },
  };
}
