import { useState } from 'react';
import { useObservable } from '../data/useObservable.js';
import { pendingUpdate$ } from './serviceWorker.js';

/** "A new version of Hearth is available" with a button to switch to it. */
export function UpdatePrompt() {
  // A subject of this module's own that never fails: there is no error to show.
  const activate = useObservable(() => pendingUpdate$, [], null).value;
  const [dismissed, setDismissed] = useState(false);
  if (!activate || dismissed) return null;
  return (
    <aside className="update-prompt" aria-label="Update available">
      <p role="status">A new version of Hearth is available.</p>
      <button type="button" className="primary" onClick={activate}>
        Reload to update
      </button>
      <button type="button" onClick={() => setDismissed(true)}>
        Later
      </button>
    </aside>
  );
}
