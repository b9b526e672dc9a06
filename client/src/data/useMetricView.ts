import { useReplica } from '../app/replicaContext.js';
import {
  metricContext$,
  metricView$,
  type MetricView,
  type MetricViewQuery,
} from './metricView.js';
import { useSettings } from './useReplicaData.js';
import { useObservable, type ObservableResult } from './useObservable.js';

/** The live buckets of a query (null until the first result, or without a replica). */
export function useMetricView(query: MetricViewQuery | null): ObservableResult<MetricView | null> {
  const replica = useReplica();
  const { fallback } = useSettings();
  const key = query ? JSON.stringify(query) : null;
  return useObservable(
    () =>
      replica && query ? metricView$(replica, query, metricContext$(replica, fallback)) : null,
    [replica, key, fallback],
    null,
  );
}
