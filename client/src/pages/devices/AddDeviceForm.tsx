import { DEVICE_KINDS, type CreateDeviceResponse, type DeviceKind } from '@hearth/schema';
import { useState, type FormEvent } from 'react';
import { createDevice } from '../../api/devices.js';
import { ApiError, NetworkError } from '../../api/http.js';
import { ActionError } from '../../components/ActionError.js';
import { copyText } from '../../components/copyText.js';
import { useAction } from '../../components/useAction.js';
import { DEVICE_KIND_LABEL } from './deviceLabels.js';

const KINDS = DEVICE_KINDS.filter((k) => k !== 'manual_entry');

/** Registers a device with the server and shows its sync token once. Needs the network. */
export function AddDeviceForm() {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<DeviceKind>('apple_watch');
  const [created, setCreated] = useState<CreateDeviceResponse | null>(null);
  const [copied, setCopied] = useState(false);

  const add = useAction(
    async (event: FormEvent) => {
      event.preventDefault();
      setCreated(await createDevice({ name: name.trim(), kind }));
      setCopied(false);
      setName('');
    },
    (caught) =>
      caught instanceof NetworkError
        ? 'Adding a device needs a connection to the server.'
        : caught instanceof ApiError
          ? caught.message
          : 'The device could not be added.',
  );
  const copy = useAction(
    async (token: string) => {
      setCopied(false);
      await copyText(token);
      setCopied(true);
    },
    () => 'Copying is not allowed here: select the token and copy it by hand.',
  );

  return (
    <section aria-labelledby="add-device-title">
      <h2 id="add-device-title">Add a device</h2>
      <form className="form" onSubmit={add.run}>
        <label htmlFor="device-name">Name</label>
        <input
          id="device-name"
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <label htmlFor="device-kind">Kind</label>
        <select
          id="device-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as DeviceKind)}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {DEVICE_KIND_LABEL[k]}
            </option>
          ))}
        </select>
        <button type="submit" className="primary" disabled={add.busy || name.trim() === ''}>
          Add device
        </button>
        <ActionError error={add.error} />
      </form>
      {created && (
        <div className="banner" role="status">
          <p>
            <strong>{created.name}</strong> is registered. Give it this token to send its data to
            <code> POST /api/v1/devices/{created.id}/sync</code>. It is shown only now:
          </p>
          <p>
            <code aria-label="Device token">{created.token}</code>{' '}
            <button type="button" onClick={() => copy.run(created.token)} disabled={copy.busy}>
              Copy token
            </button>
          </p>
          <ActionError error={copy.error} />
          {copied && <p className="hint">Copied to the clipboard.</p>}
          <button type="button" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      )}
    </section>
  );
}
