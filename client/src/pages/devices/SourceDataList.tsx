import { useState } from 'react';
import { ActionError } from '../../components/ActionError.js';
import { useAction } from '../../components/useAction.js';
import type { DeviceRow } from '../../db/types.js';
import type { Source } from './source.js';

type Props = {
  devices: readonly Source[];
  /** Deletes every sample of the source (works offline); resolves to how many went. */
  onDelete: (device: DeviceRow) => Promise<number>;
};

/** Per source: delete everything it recorded, after a confirmation in place. */
export function SourceDataList({ devices, onDelete }: Props) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<{ name: string; samples: number } | null>(null);
  const remove = useAction(
    async (device: DeviceRow) => {
      setConfirming(null);
      setDeleted(null);
      setDeleted({ name: device.name, samples: await onDelete(device) });
    },
    // Deleting is a local write: it fails only when this browser's storage does.
    () => 'The data could not be deleted in this browser. Reload the page and try again.',
  );
  return (
    <section aria-labelledby="source-data-title">
      <h2 id="source-data-title">Data by source</h2>
      <ul className="plain-list">
        {devices.map((device) => (
          <li key={device.id} data-source={device.id}>
            {device.name}
            {device.removed && <span className="muted"> (removed)</span>}{' '}
            {confirming === device.id ? (
              <span role="group" aria-label={`Delete all data from ${device.name}?`}>
                Delete everything {device.name} recorded, on every device?{' '}
                <button type="button" className="danger" onClick={() => remove.run(device)}>
                  Yes, delete its data
                </button>{' '}
                <button type="button" onClick={() => setConfirming(null)}>
                  Keep it
                </button>
              </span>
            ) : (
              <button type="button" onClick={() => setConfirming(device.id)}>
                Delete this source’s data<span className="visually-hidden">: {device.name}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      <ActionError error={remove.error} />
      <p role="status">
        {deleted &&
          `Deleted ${deleted.samples} ${deleted.samples === 1 ? 'sample' : 'samples'} from ${deleted.name}.`}
      </p>
    </section>
  );
}
