import { useEffect, useRef } from 'react';
import type { DeviceRow } from '../../db/types.js';

export type RemoveChoice = 'keep-data' | 'delete-data';

type Props = {
  device: DeviceRow;
  onChoose: (choice: RemoveChoice) => void;
  onCancel: () => void;
};

/**
 * Removing a device stops it syncing; what happens to what it recorded is the person's choice:
 * kept, it still counts in the totals (SPECIFICATION.md §14), deleted, it goes everywhere.
 */
export function RemoveDevicePrompt({ device, onChoose, onCancel }: Props) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), [device.id]);
  return (
    <section role="alertdialog" aria-labelledby="remove-title" aria-describedby="remove-text">
      <h2 id="remove-title">Remove {device.name}?</h2>
      <p id="remove-text">
        It will no longer sync. Keep what it recorded in your totals, or delete that data too on
        every device?
      </p>
      <button ref={first} type="button" onClick={() => onChoose('keep-data')}>
        Remove, keep its data
      </button>{' '}
      <button type="button" className="danger" onClick={() => onChoose('delete-data')}>
        Remove and delete its data
      </button>{' '}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </section>
  );
}
