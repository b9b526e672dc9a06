import { METRIC_CONFIG, type HealthSample, type SeriesDoc } from '@hearth/schema';

/** The samples a series holds, in canonical units, with the series' device as their source. */
export function seriesToSamples(
  series: Pick<SeriesDoc, 'deviceId' | 'type' | 'points'>,
): HealthSample[] {
  const unit = METRIC_CONFIG[series.type].unit;
  return series.points.map(([start, end, value]) => ({
    type: series.type,
    value,
    unit,
    startDate: new Date(start).toISOString(),
    endDate: new Date(end).toISOString(),
    sourceDevice: series.deviceId,
  }));
}
