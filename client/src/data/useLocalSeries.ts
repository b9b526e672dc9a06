import type { HealthDataType } from '@hearth/schema';
import { useCallback } from 'react';
import { map } from 'rxjs';
import { useReplica } from '../app/replicaContext.js';
import type { DeviceRow, SeriesRow } from '../db/types.js';
import { useObservable, type ObservableResult } from './useObservable.js';
import { useDevices } from './useReplicaData.js';

/** Series hour starts [from, to), as `seriesWindow` gives them. */
export type SeriesHours = { from: number; to: number };

export type LocalSeries = ObservableResult<SeriesRow[] | null> & {
  /** The devices, which rank the series' sources (empty until they load). */
  devices: DeviceRow[];
};

/**
 * The series of one type whose hours fall in `hours`, live from the local replica, so a screen
 * built on them works offline; with the devices that rank their sources. Null while loading or
 * without `hours`. One error and one retry for both queries: a screen says one thing.
 */
export function useLocalSeries(type: HealthDataType, hours: SeriesHours | null): LocalSeries {
  const replica = useReplica();
  const { value: devices, error: devicesError, retry: retryDevices } = useDevices();
  const from = hours?.from ?? null;
  const to = hours?.to ?? null;
  const {
    value: series,
    error: seriesError,
    retry: retrySeries,
  } = useObservable<SeriesRow[] | null>(
    () => {
      if (!replica || from === null || to === null) return null;
      return replica.db.series
        .find({ selector: { type, hourStart: { $gte: from, $lt: to } } })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as SeriesRow)));
    },
    [replica, type, from, to],
    null,
  );
  const retry = useCallback(() => {
    retrySeries();
    retryDevices();
  }, [retrySeries, retryDevices]);
  return { value: series, devices, error: seriesError ?? devicesError, retry };
}
