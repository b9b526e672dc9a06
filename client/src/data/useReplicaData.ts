import { useMemo } from 'react';
import { useReplica } from '../app/replicaContext.js';
import { useSession } from '../app/session.js';
import type { DeviceRow, InsightRow, SettingsRow } from '../db/types.js';
import { defaultSettings, devices$, insights$, settings$ } from './documents.js';
import { useObservable, type ObservableResult } from './useObservable.js';

const NO_DEVICES: DeviceRow[] = [];
const NO_INSIGHTS: InsightRow[] = [];

/**
 * The account's settings, or sensible defaults until they have replicated (and, with `error`, when
 * they could not be read: the app stays usable on defaults while it says so).
 */
export function useSettings(): {
  settings: SettingsRow;
  fallback: SettingsRow;
  error: Error | null;
  retry: () => void;
} {
  const replica = useReplica();
  const { session } = useSession();
  const zone = session.status === 'signed-in' ? session.user.timeZone : 'UTC';
  const fallback = useMemo(() => defaultSettings({ timeZone: zone }), [zone]);
  const {
    value: settings,
    error,
    retry,
  } = useObservable(
    // Signing out changes the session (and so `fallback`) a render before the replica goes:
    // a query on the closed database would throw, and this hook sits above the router.
    () => (replica && !replica.db.closed ? settings$(replica.db, fallback) : null),
    [replica, fallback],
    fallback,
  );
  return { settings, fallback, error, retry };
}

export function useDevices(): ObservableResult<DeviceRow[]> {
  const replica = useReplica();
  return useObservable(() => (replica ? devices$(replica.db) : null), [replica], NO_DEVICES);
}

export function useInsights(): ObservableResult<InsightRow[]> {
  const replica = useReplica();
  return useObservable(() => (replica ? insights$(replica.db) : null), [replica], NO_INSIGHTS);
}
