import { useState } from 'react';
import { useBrowserOnline, useNow } from '../../data/useBrowser.js';
import { CreateShareDialog } from './CreateShareDialog.js';
import { sortForDisplay } from './linkStatus.js';
import { ShareLinkItem } from './ShareLinkItem.js';
import { useShareLinks, type ShareLinksState } from './useShareLinks.js';
import '../sharing.css';

function LinkList({
  state,
  nowMs,
  online,
  reload,
}: {
  state: ShareLinksState;
  nowMs: number;
  online: boolean;
  reload: () => void;
}) {
  if (state.status === 'loading') {
    return (
      <p role="status">{online ? 'Loading your share links…' : 'Waiting for a connection…'}</p>
    );
  }
  if (state.status === 'failed') {
    return (
      <p role="alert" className="error-text">
        {state.message}{' '}
        <button type="button" onClick={reload}>
          Try again
        </button>
      </p>
    );
  }
  if (state.links.length === 0) {
    return <p className="muted">No share links yet.</p>;
  }
  return (
    <ul className="plain-list share-links">
      {sortForDisplay(state.links, nowMs).map((link) => (
        <ShareLinkItem key={link.id} link={link} nowMs={nowMs} online={online} onChanged={reload} />
      ))}
    </ul>
  );
}

/**
 * The owner's sharing screen. Links live on the server only (the code is never stored on this
 * device), so everything here needs the network; offline, the page says so and waits.
 */
export function SharingPage() {
  const online = useBrowserOnline();
  const nowMs = useNow(30_000);
  const { state, reload } = useShareLinks(online);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <h1>Sharing</h1>
      <p className="muted">
        Give a clinician read-only access to the metrics and days you choose, through a link that
        expires. You can revoke a link at any time and see each time it was opened.
      </p>
      {!online && (
        <p role="status" className="banner">
          You are offline. Sharing needs a connection to the server: creating, listing and revoking
          links will work again when you are back online.
        </p>
      )}
      <button
        type="button"
        className="primary"
        onClick={() => setCreating(true)}
        disabled={!online}
      >
        New share link
      </button>
      <CreateShareDialog open={creating} onClose={() => setCreating(false)} onCreated={reload} />
      <h2>Your share links</h2>
      <LinkList state={state} nowMs={nowMs} online={online} reload={reload} />
    </>
  );
}
