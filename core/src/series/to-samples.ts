import { METRIC_CONFIG, type HealthSample, type SeriesDoc } from '@hearth/schema';
import { sleepStageOfCode } from './stages.js';

/**
 * The samples a series holds, in canonical units, with the series' device as their source and
 * the stage of each sleep point other than asleep (absent means asleep).
 */
export function seriesToSamples(
  series: Pick<SeriesDoc, 'deviceId' | 'type' | 'points'>,
): HealthSample[] {
  const unit = METRIC_CONFIG[series.type].unit;
  return series.points.map(([start, end, value, stage]) => {
    const sample: HealthSample = {
      type: series.type,
      value,
      unit,
      startDate: new Date(start).toISOString(),
      endDate: new Date(end).toISOString(),
      sourceDevice: series.deviceId,
    };
    if (stage !== undefined) sample.sleepStage = sleepStageOfCode(stage);
    return sample;
  });
}
