import { nextBucketStart, startOfLocalDate } from '@hearth/core';
import type { HealthDataType, LocalDate } from '@hearth/schema';
import { useCallback, useMemo } from 'react';
import { map } from 'rxjs';
import { useReplica } from '../../app/replicaContext.js';
import { seriesWindow } from '../../data/deviceBuckets.js';
import { useObservable, type ObservableResult } from '../../data/useObservable.js';
import { useDevices } from '../../data/useReplicaData.js';
import type { SeriesRow } from '../../db/types.js';
import { daySamples, type DaySample } from './daySamples.js';

/** The samples behind one day of one metric, live from the local replica (null while loading). */
export function useDaySamples(
  type: HealthDataType,
  day: LocalDate,
  timeZone: string,
): ObservableResult<DaySample[] | null> {
  const replica = useReplica();
  const { value: devices, error: devicesError, retry: retryDevices } = useDevices();
  const {
    value: series,
    error: seriesError,
    retry: retrySeries,
  } = useObservable<SeriesRow[] | null>(
    () => {
      if (!replica) return null;
      const fromMs = startOfLocalDate(day, timeZone);
      const window = seriesWindow(fromMs, nextBucketStart('day', fromMs, timeZone));
      return replica.db.series
        .find({ selector: { type, hourStart: { $gte: window.from, $lt: window.to } } })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as SeriesRow)));
    },
    [replica, type, day, timeZone],
    null,
  );
  const samples = useMemo(
    () => (series ? daySamples(series, devices, { type, day, timeZone }) : null),
    [series, devices, type, day, timeZone],
  );
  const retry = useCallback(() => {
    retrySeries();
    retryDevices();
  }, [retrySeries, retryDevices]);
  return { value: samples, error: seriesError ?? devicesError, retry };
}
