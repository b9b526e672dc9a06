import type { HealthDataType, SleepStage } from '@hearth/schema';
import type { Rng } from '../../../generator/prng.js';
import type { SkipReason } from '../../types.js';
import { formatAppleDate } from './apple-format.js';
import { SYNTHETIC_SOURCES } from './synthetic-sources.js';

/** What the reader should make of one element: a sample kept, or records skipped and why. */
export interface ExpectedSample {
  type: HealthDataType;
  start: number;
  end: number;
  value: number;
  sleepStage?: SleepStage;
  /** The source's name, as shown (variants of one name are one source). */
  sourceName: string;
}

export interface ExportElement {
  xml: string;
  /** `Record` elements it holds (a correlation holds several, a workout none). */
  records: number;
  kept?: ExpectedSample;
  skipped?: readonly SkipReason[];
}

/** Context shared by the elements of one export. */
export interface ElementContext {
  rng: Rng;
  offsetMinutes: number;
  /** Per source and type, how many records were written (rotates units and name variants). */
  counters: Map<string, number>;
}

export function nextCount(context: ElementContext, key: string): number {
  const n = context.counters.get(key) ?? 0;
  context.counters.set(key, n + 1);
  return n;
}

export interface RecordSpec {
  type: string;
  deviceId: string;
  unit: string;
  value: string;
  start: number;
  end: number;
  children?: string;
}

/** A `Record` in Apple's attribute order, its name variant and device address rotating. */
export function recordXml(spec: RecordSpec, context: ElementContext): string {
  const source = SYNTHETIC_SOURCES[spec.deviceId] ?? { names: ['Unknown'], version: '1' };
  const n = nextCount(context, `name ${spec.deviceId}`);
  const name = source.names[n % source.names.length];
  const device = source.device ? ` device="${source.device(context.rng)}"` : '';
  const unit = spec.unit ? ` unit="${spec.unit}"` : '';
  const at = (ms: number) => formatAppleDate(ms, context.offsetMinutes);
  const open =
    `<Record type="${spec.type}" sourceName="${name}" sourceVersion="${source.version}"${device}${unit}` +
    ` creationDate="${at(spec.end + 1000 * context.rng.int(1, 90))}" startDate="${at(spec.start)}"` +
    ` endDate="${at(spec.end)}" value="${spec.value}"`;
  return spec.children ? ` ${open}>\n${spec.children}\n </Record>\n` : ` ${open}/>\n`;
}

export function displayName(deviceId: string): string {
  return (SYNTHETIC_SOURCES[deviceId]?.names[0] ?? 'Unknown').replace('&amp;', '&');
}
