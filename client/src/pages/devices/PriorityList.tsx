import { useEffect, useState, type DragEvent } from 'react';
import { formatRelativeTime } from '../../format/relativeTime.js';
import { useNow } from '../../data/useBrowser.js';
import { DEVICE_KIND_LABEL } from './deviceLabels.js';
import { moveAnnouncement, reorder } from './priorityOrder.js';
import type { Source } from './source.js';

type Props = {
  devices: Source[];
  /** Device ids, highest priority first. */
  order: string[];
  onReorder: (order: string[]) => void;
  onRemove: (device: Source) => void;
  pendingUploads: number;
};

function lastSyncText(device: Source, now: number, pendingUploads: number): string {
  if (device.removed) return 'Removed; its data was kept';
  if (device.kind === 'manual_entry') {
    return pendingUploads > 0 ? `${pendingUploads} waiting to upload` : 'Up to date';
  }
  if (!device.lastSyncAt) return 'Never synced';
  return `Last synced ${formatRelativeTime(Date.parse(device.lastSyncAt), now)}`;
}

/**
 * The devices in priority order, highest first: where two devices measured the same moment, the
 * higher one counts. Reorder by dragging a row or with its Move up / Move down buttons.
 */
export function PriorityList({ devices, order, onReorder, onRemove, pendingUploads }: Props) {
  const now = useNow(30_000);
  const [dragged, setDragged] = useState<string | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // Moving a row moves its buttons in the DOM, which drops keyboard focus: put it back.
  const [refocus, setRefocus] = useState<{ id: string; direction: 'up' | 'down' } | null>(null);
  useEffect(() => {
    if (!refocus) return;
    const { id, direction } = refocus;
    const other = direction === 'up' ? 'down' : 'up';
    const button =
      document.querySelector<HTMLButtonElement>(
        `[data-move="${direction}"][data-device="${CSS.escape(id)}"]:not(:disabled)`,
      ) ??
      document.querySelector<HTMLButtonElement>(
        `[data-move="${other}"][data-device="${CSS.escape(id)}"]`,
      );
    button?.focus();
    setRefocus(null);
  }, [refocus, order]);
  const byId = new Map(devices.map((d) => [d.id, d]));
  const rows = order.map((id) => byId.get(id)).filter((d): d is Source => d !== undefined);
  const ids = rows.map((d) => d.id);

  const move = (device: Source, toIndex: number, direction?: 'up' | 'down') => {
    const next = reorder(ids, device.id, toIndex);
    onReorder(next);
    if (direction) setRefocus({ id: device.id, direction });
    setAnnouncement(moveAnnouncement(device.name, next.indexOf(device.id), next.length));
  };
  const drop = (event: DragEvent, onto: Source) => {
    event.preventDefault();
    const device = dragged ? byId.get(dragged) : undefined;
    if (device && device.id !== onto.id) move(device, ids.indexOf(onto.id));
    setDragged(null);
    setTarget(null);
  };

  return (
    <>
      <ol className="plain-list" aria-label="Devices, highest priority first">
        {rows.map((device, index) => (
          <li
            key={device.id}
            className={`row ${dragged === device.id ? 'row--dragging' : ''} ${target === device.id ? 'row--drop-target' : ''}`}
            draggable
            onDragStart={(e) => {
              e.dataTransfer.setData('text/plain', device.id);
              e.dataTransfer.effectAllowed = 'move';
              setDragged(device.id);
            }}
            onDragOver={(e) => {
              e.preventDefault();
              setTarget(device.id);
            }}
            onDragLeave={() => setTarget(null)}
            onDragEnd={() => {
              setDragged(null);
              setTarget(null);
            }}
            onDrop={(e) => drop(e, device)}
          >
            <div className="row__main">
              <strong>
                {index + 1}. {device.name}
              </strong>{' '}
              <span className="muted">· {DEVICE_KIND_LABEL[device.kind]}</span>
              {device.removed && <span className="muted"> · removed</span>}
              <div className="muted">{lastSyncText(device, now, pendingUploads)}</div>
            </div>
            <div className="row__actions">
              <button
                type="button"
                aria-label={`Move ${device.name} up`}
                data-move="up"
                data-device={device.id}
                disabled={index === 0}
                onClick={() => move(device, index - 1, 'up')}
              >
                ↑ Up
              </button>
              <button
                type="button"
                aria-label={`Move ${device.name} down`}
                data-move="down"
                data-device={device.id}
                disabled={index === rows.length - 1}
                onClick={() => move(device, index + 1, 'down')}
              >
                ↓ Down
              </button>
              {device.kind !== 'manual_entry' && !device.removed && (
                <button
                  type="button"
                  className="danger"
                  aria-label={`Remove ${device.name}`}
                  onClick={() => onRemove(device)}
                >
                  Remove
                </button>
              )}
            </div>
          </li>
        ))}
      </ol>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
