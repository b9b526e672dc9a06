import { sampleWindowForDays, sleepNightsFromSeries, type SleepNight } from '@hearth/core';
import type { LocalDate } from '@hearth/schema';
import { useCallback, useMemo } from 'react';
import { map } from 'rxjs';
import { useReplica } from '../../app/replicaContext.js';
import { seriesWindow } from '../../data/deviceBuckets.js';
import { priorityOf } from '../../data/metricView.js';
import { useObservable, type ObservableResult } from '../../data/useObservable.js';
import { useDevices, useSettings } from '../../data/useReplicaData.js';
import type { SeriesRow } from '../../db/types.js';

/**
 * The nights from `first` to `last` (sleep days), live from the local replica, so they work
 * offline; null while loading. Stages come from the series, deduplicated across sources with the
 * same priority as the totals (core's sleepNightsFromSeries).
 */
export function useSleepNights(
  first: LocalDate,
  last: LocalDate,
): ObservableResult<SleepNight[] | null> {
  const replica = useReplica();
  const { value: devices, error: devicesError, retry: retryDevices } = useDevices();
  const { settings } = useSettings();
  const zone = settings.timeZone;
  const {
    value: series,
    error: seriesError,
    retry: retrySeries,
  } = useObservable<SeriesRow[] | null>(
    () => {
      if (!replica || !first || !last) return null;
      // Every sample that can reach into the nights, as the rollups load them.
      const sampleWindow = sampleWindowForDays('SLEEP_ANALYSIS', [first, last], zone);
      const window = seriesWindow(sampleWindow.startMs, sampleWindow.endMs);
      return replica.db.series
        .find({
          selector: { type: 'SLEEP_ANALYSIS', hourStart: { $gte: window.from, $lt: window.to } },
        })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as SeriesRow)));
    },
    [replica, first, last, zone],
    null,
  );
  const priority = useMemo(() => priorityOf(devices, settings), [devices, settings]);
  const nights = useMemo(() => {
    if (!series) return null;
    return sleepNightsFromSeries(series, { timeZone: zone, priority }).filter(
      (n) => n.night >= first && n.night <= last,
    );
  }, [series, priority, zone, first, last]);
  const retry = useCallback(() => {
    retrySeries();
    retryDevices();
  }, [retrySeries, retryDevices]);
  return { value: nights, error: seriesError ?? devicesError, retry };
}
