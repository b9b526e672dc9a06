import { nextBucketStart, startOfLocalDate } from '@hearth/core';
import type { HealthDataType, LocalDate } from '@hearth/schema';
import { useMemo } from 'react';
import { seriesWindow } from '../../data/deviceBuckets.js';
import type { ObservableResult } from '../../data/useObservable.js';
import { useLocalSeries } from '../../data/useLocalSeries.js';
import { daySamples, type DaySample } from './daySamples.js';

/** The samples behind one day of one metric, live from the local replica (null while loading). */
export function useDaySamples(
  type: HealthDataType,
  day: LocalDate,
  timeZone: string,
): ObservableResult<DaySample[] | null> {
  const hours = useMemo(() => {
    const fromMs = startOfLocalDate(day, timeZone);
    return seriesWindow(fromMs, nextBucketStart('day', fromMs, timeZone));
  }, [day, timeZone]);
  const { value: series, devices, error, retry } = useLocalSeries(type, hours);
  const samples = useMemo(
    () => (series ? daySamples(series, devices, { type, day, timeZone }) : null),
    [series, devices, type, day, timeZone],
  );
  return { value: samples, error, retry };
}
