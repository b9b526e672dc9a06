import { nextBucketStart, localDateOf, startOfLocalDate } from '@hearth/core';
import type { HealthDataType } from '@hearth/schema';
import { useMemo, useState } from 'react';
import { deleteDevice } from '../../api/devices.js';
import { ActionError } from '../../components/ActionError.js';
import { LoadError } from '../../components/LoadError.js';
import { useAction } from '../../components/useAction.js';
import { useReplica } from '../../app/replicaContext.js';
import { updateSettings } from '../../data/documents.js';
import { priorityOf, type MetricViewQuery } from '../../data/metricView.js';
import { useNow } from '../../data/useBrowser.js';
import { useMetricView } from '../../data/useMetricView.js';
import { useObservable } from '../../data/useObservable.js';
import { removedSources$ } from '../../data/removedSources.js';
import { useDevices, useSettings } from '../../data/useReplicaData.js';
import type { DeviceRow } from '../../db/types.js';
import { formatMetricValue, metricName } from '../../format/metricFormat.js';
import { AddDeviceForm } from './AddDeviceForm.js';
import { PriorityList } from './PriorityList.js';
import { RemoveDevicePrompt, type RemoveChoice } from './RemoveDevicePrompt.js';
import { SourceDataList } from './SourceDataList.js';
import type { Source } from './source.js';
import { deleteSourceData } from '../data/sampleEdits.js';

const NO_SOURCES: DeviceRow[] = [];

const TOTAL_TYPES: HealthDataType[] = ['STEPS', 'DISTANCE', 'ACTIVE_ENERGY'];

/** Today's deduplicated totals, so the effect of a new order is visible at once. */
function TodayTotals({ zone }: { zone: string }) {
  const now = useNow(60_000);
  const today = localDateOf(now, zone);
  const query = useMemo<MetricViewQuery>(() => {
    const fromMs = startOfLocalDate(today, zone);
    return {
      types: TOTAL_TYPES,
      period: 'day',
      fromMs,
      toMs: nextBucketStart('day', fromMs, zone),
    };
  }, [today, zone]);
  const { value: view, error, retry } = useMetricView(query);
  if (error) return <LoadError what="Today’s totals" error={error} onRetry={retry} />;
  if (!view) return null;
  return (
    <section aria-labelledby="totals-title">
      <h2 id="totals-title">Today with this order</h2>
      <ul className="plain-list">
        {TOTAL_TYPES.map((type) => {
          const bucket = view.buckets.find((b) => b.type === type);
          return (
            <li key={type} data-metric={type} data-value={bucket?.value ?? ''}>
              {metricName(type)}:{' '}
              <strong>{bucket ? formatMetricValue(type, bucket.value) : 'no data'}</strong>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function DevicesPage() {
  const replica = useReplica();
  const { value: devices, error: devicesError, retry: retryDevices } = useDevices();
  const { settings, fallback } = useSettings();
  // The sync indicator shows a failure of the sync status; here it only marks devices waiting.
  const pendingUploads =
    useObservable(() => replica?.tracker.snapshot$ ?? null, [replica], null).value
      ?.pendingUploads ?? 0;
  // A removed device whose data was kept stays a source: listed, rankable and deletable
  // (SPECIFICATION.md §14), under the name its tombstone kept.
  const removed = useObservable(
    () => (replica ? removedSources$(replica.db) : null),
    [replica],
    NO_SOURCES,
  ).value;
  const sources = useMemo<Source[]>(
    () => [
      ...devices.map((d) => ({ ...d, removed: false })),
      ...removed.map((d) => ({ ...d, removed: true })),
    ],
    [devices, removed],
  );
  const order = priorityOf(sources, settings);

  const reorder = useAction(
    (next: string[]) =>
      replica ? updateSettings(replica, fallback, { sourcePriority: next }) : Promise.resolve(),
    // A local write: it fails only when this browser's storage does (full, or closing).
    () => 'The new order could not be saved in this browser. Try again.',
  );
  const [removing, setRemoving] = useState<DeviceRow | null>(null);
  const deleteData = (device: DeviceRow) =>
    replica
      ? deleteSourceData(replica.db, replica.localChanges, device.id, settings.timeZone)
      : Promise.resolve(0);
  const remove = useAction(
    async (device: DeviceRow, choice: RemoveChoice) => {
      setRemoving(null);
      await deleteDevice(device.id).catch(() => {
        throw new Error(
          `${device.name} could not be removed. Removing a device needs a connection.`,
        );
      });
      // The data of a removed device stays the person's to delete (SPECIFICATION.md §14).
      if (choice === 'delete-data') {
        await deleteData(device).catch(() => {
          throw new Error(
            `${device.name} is removed, but its data could not be deleted in this browser. Delete it under “Data by source”.`,
          );
        });
      }
    },
    (caught) => (caught instanceof Error ? caught.message : 'The device could not be removed.'),
  );

  return (
    <>
      <h1>Devices</h1>
      <p className="muted">
        Where two devices measured the same moment, the one higher in this list counts and the
        others only fill the gaps. Drag a device, or use its buttons, to change the order.
      </p>
      <ActionError error={reorder.error} />
      <ActionError error={remove.error} />
      {devicesError ? (
        <LoadError what="Your devices" error={devicesError} onRetry={retryDevices} />
      ) : sources.length === 0 ? (
        <p>No devices yet.</p>
      ) : (
        <PriorityList
          devices={sources}
          order={order}
          onReorder={reorder.run}
          onRemove={setRemoving}
          pendingUploads={pendingUploads}
        />
      )}
      {removing && (
        <RemoveDevicePrompt
          device={removing}
          onChoose={(choice) => remove.run(removing, choice)}
          onCancel={() => setRemoving(null)}
        />
      )}
      <TodayTotals zone={settings.timeZone} />
      <SourceDataList devices={sources} onDelete={deleteData} />
      <AddDeviceForm />
    </>
  );
}
