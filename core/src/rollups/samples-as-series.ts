import type { HealthDataType, HealthSample } from '@hearth/schema';
import { isSleepStage, seriesPoint, sleepStageCode } from '../series/stages.js';
import { parseInstant } from '../time/instant.js';
import { RollupError, TYPE_INDEX, type PreparedSamples } from './prepare.js';
import {
  prepareSeries,
  type RollupPoint,
  type RollupSeries,
  type SampleOrigin,
} from './prepare-series.js';

/** The points of one (source, type) in input order, and the index of each one's sample. */
interface Collected {
  series: RollupSeries & { points: RollupPoint[] };
  sampleIndex: number[];
}

function invalid(index: number, reason: string): RollupError {
  return new RollupError('rollup-invalid-sample', `Sample ${index}: ${reason}`);
}

/**
 * Sample objects as the series engine takes them: one series per (source, type), points in
 * input order, so duplicates of one sample keep their received order and the last received still
 * counts (SPECIFICATION.md §3). Dates are read once (schema/src/instant.ts). Throws
 * `rollup-invalid-sample` for an unknown type, a date outside the grammar or an unknown stage.
 */
export function samplesAsSeries(samples: readonly HealthSample[]): {
  series: RollupSeries[];
  origin: SampleOrigin;
} {
  const bySource = new Map<string, Map<HealthDataType, Collected>>();
  const collected: Collected[] = [];
  // Neighbouring samples usually share source and type: skip the map lookups then.
  let current: Collected | undefined;
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i] as HealthSample;
    const { type, sourceDevice } = sample;
    if (current?.series.type !== type || current.series.deviceId !== sourceDevice) {
      if (!TYPE_INDEX.has(type)) throw invalid(i, 'unknown type');
      let byType = bySource.get(sourceDevice);
      if (!byType) bySource.set(sourceDevice, (byType = new Map<HealthDataType, Collected>()));
      current = byType.get(type);
      if (!current) {
        current = { series: { deviceId: sourceDevice, type, points: [] }, sampleIndex: [] };
        byType.set(type, current);
        collected.push(current);
      }
    }
    const start = parseInstant(sample.startDate);
    // Point readings repeat the start: skip reading the same text twice.
    const end = sample.endDate === sample.startDate ? start : parseInstant(sample.endDate);
    if (start === null || end === null) {
      throw invalid(i, 'dates must be ISO 8601 instants with an offset');
    }
    const { sleepStage } = sample;
    if (sleepStage !== undefined && !isSleepStage(sleepStage)) {
      throw invalid(i, 'unknown sleep stage');
    }
    current.series.points.push(seriesPoint(start, end, sample.value, sleepStageCode(sleepStage)));
    current.sampleIndex.push(i);
  }
  const sampleIndex = new Int32Array(samples.length);
  let at = 0;
  for (const { sampleIndex: indices } of collected) {
    for (const index of indices) sampleIndex[at++] = index;
  }
  return {
    series: collected.map((c) => c.series),
    origin: { sampleIndex, sampleId: (index) => samples[index]?.id ?? '' },
  };
}

/** The engine's input from sample objects: through their series, named as the samples. */
export function prepareSamples(
  samples: readonly HealthSample[],
  priority: readonly string[],
): PreparedSamples {
  const { series, origin } = samplesAsSeries(samples);
  return prepareSeries(series, priority, origin);
}
