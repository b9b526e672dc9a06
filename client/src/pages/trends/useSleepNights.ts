import { sampleWindowForDays, sleepNightsFromSeries, type SleepNight } from '@hearth/core';
import type { LocalDate } from '@hearth/schema';
import { useMemo } from 'react';
import { seriesWindow } from '../../data/deviceBuckets.js';
import { priorityOf } from '../../data/metricView.js';
import type { ObservableResult } from '../../data/useObservable.js';
import { useLocalSeries } from '../../data/useLocalSeries.js';
import { useSettings } from '../../data/useReplicaData.js';

/**
 * The nights from `first` to `last` (sleep days), live from the local replica, so they work
 * offline; null while loading. Stages come from the series, deduplicated across sources with the
 * same priority as the totals (core's sleepNightsFromSeries).
 */
export function useSleepNights(
  first: LocalDate,
  last: LocalDate,
): ObservableResult<SleepNight[] | null> {
  const { settings } = useSettings();
  const zone = settings.timeZone;
  const hours = useMemo(() => {
    if (!first || !last) return null;
    // Every sample that can reach into the nights, as the rollups load them.
    const window = sampleWindowForDays('SLEEP_ANALYSIS', [first, last], zone);
    return seriesWindow(window.startMs, window.endMs);
  }, [first, last, zone]);
  const { value: series, devices, error, retry } = useLocalSeries('SLEEP_ANALYSIS', hours);
  const priority = useMemo(() => priorityOf(devices, settings), [devices, settings]);
  const nights = useMemo(() => {
    if (!series) return null;
    return sleepNightsFromSeries(series, { timeZone: zone, priority }).filter(
      (n) => n.night >= first && n.night <= last,
    );
  }, [series, priority, zone, first, last]);
  return { value: nights, error, retry };
}
