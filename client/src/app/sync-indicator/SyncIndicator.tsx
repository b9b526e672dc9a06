import { useBrowserOnline, useNow } from '../../data/useBrowser.js';
import { useObservable } from '../../data/useObservable.js';
import { useReplica } from '../replicaContext.js';
import { useSession } from '../session.js';
import { syncIndicatorText } from './syncIndicatorText.js';

/** Always visible: online/offline, changes waiting to upload, last synced, catch-up progress. */
export function SyncIndicator() {
  const replica = useReplica();
  const { expire } = useSession();
  const {
    value: snapshot,
    error,
    retry,
  } = useObservable(() => replica?.tracker.snapshot$ ?? null, [replica], null);
  const online = useBrowserOnline();
  const now = useNow(15_000);
  if (error) {
    return (
      <section className="sync-indicator sync-indicator--error" aria-label="Sync status">
        <p role="alert" className="sync-indicator__error">
          Sync status is unavailable: {error.message}{' '}
          <button type="button" className="link-button" onClick={retry}>
            Retry
          </button>
        </p>
      </section>
    );
  }
  if (!replica || !snapshot) {
    return (
      <section className="sync-indicator" aria-label="Sync status" role="status">
        <span className="sync-dot sync-dot--busy" aria-hidden="true" /> Opening your data…
      </section>
    );
  }
  const text = syncIndicatorText(snapshot, online, now);
  return (
    <section
      className={`sync-indicator sync-indicator--${text.tone}`}
      aria-label="Sync status"
      data-catch-up-pulled={snapshot.catchUp.pulled}
      data-catch-up-done={snapshot.catchUp.done}
    >
      <div role="status" className="sync-indicator__line">
        <span className={`sync-dot sync-dot--${text.tone}`} aria-hidden="true" />
        <strong data-testid="connection-state">{text.connection}</strong>
        {text.pending && <span data-testid="pending-uploads">{text.pending}</span>}
        <span data-testid="last-synced">{text.lastSynced}</span>
        {text.connection !== 'Online' && online && (
          <button type="button" className="link-button" onClick={() => replica.syncNow()}>
            Retry now
          </button>
        )}
      </div>
      {text.progress && (
        <div className="sync-indicator__progress">
          <label htmlFor="catch-up-progress">{text.progress.label}</label>
          {text.progress.value === null ? (
            <progress id="catch-up-progress" />
          ) : (
            <progress
              id="catch-up-progress"
              value={text.progress.value}
              max={text.progress.max ?? undefined}
            />
          )}
        </div>
      )}
      {text.error && (
        <p role="alert" className="sync-indicator__error">
          {text.error}{' '}
          {snapshot.error?.code === 'unauthenticated' && (
            <button type="button" className="link-button" onClick={expire}>
              Sign in again
            </button>
          )}
        </p>
      )}
    </section>
  );
}
