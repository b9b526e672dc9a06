import { useEffect, useState } from 'react';
import type { ShareAccess } from '@hearth/schema';
import { listShareAccesses } from './sharingApi.js';
import { sharingErrorText } from './errorText.js';
import { format } from '../../format/currentFormat.js';

const FORMAT_LABEL: Record<ShareAccess['format'], string> = {
  json: 'Viewer page',
  fhir: 'FHIR download',
  csv: 'CSV download',
};

type State =
  | { status: 'loading' }
  | { status: 'ready'; accesses: ShareAccess[] }
  | { status: 'failed'; message: string };

/** Every time the link was opened: when, how, from which address and browser. */
export function AccessLog({ linkId, label }: { linkId: string; label: string }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    listShareAccesses(linkId).then(
      (accesses) => live && setState({ status: 'ready', accesses }),
      (err: unknown) => live && setState({ status: 'failed', message: sharingErrorText(err) }),
    );
    return () => {
      live = false;
    };
  }, [linkId]);

  if (state.status === 'loading') return <p role="status">Loading the access log…</p>;
  if (state.status === 'failed') return <p className="error-text">{state.message}</p>;
  if (state.accesses.length === 0) return <p className="muted">Nobody has opened this link yet.</p>;
  return (
    <table className="data-table share-access-log">
      <caption className="visually-hidden">{label}</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">What</th>
          <th scope="col">IP address</th>
          <th scope="col">Browser</th>
        </tr>
      </thead>
      <tbody>
        {state.accesses.map((a, i) => (
          <tr key={`${a.accessedAt}-${i}`}>
            <td>{format().date(Date.parse(a.accessedAt), 'date-time-seconds')}</td>
            <td>{FORMAT_LABEL[a.format]}</td>
            <td>{a.ip ?? '—'}</td>
            <td className="share-access-log__agent">{a.userAgent ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
