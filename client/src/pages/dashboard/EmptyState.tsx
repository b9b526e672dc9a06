import { Link } from 'react-router';
import { useReplica } from '../../app/replicaContext.js';
import { useObservable } from '../../data/useObservable.js';
import { demoLoadState$, startDemoLoad, type DemoLoadState } from '../../demo/demoLoad.js';
import { DEMO_DAYS } from '../../demo/loadDemoData.js';
import { format } from '../../format/currentFormat.js';

function statusText(state: DemoLoadState): string | null {
  if (state.status === 'loading') {
    const p = state.progress;
    return p === null
      ? 'Creating demo devices…'
      : `Writing demo history: ${format().number(p.written)} of ${format().number(p.total)} series`;
  }
  if (state.status === 'done') {
    return `Demo data loaded: ${format().number(state.samples)} samples. They upload in the background.`;
  }
  return null;
}

/** Whether the empty state should stay up: a demo load is writing its first series. */
export function useDemoLoadActive(): boolean {
  // `demoLoadState$` is an in-memory subject that never fails: only its value matters here.
  return useObservable(() => demoLoadState$, [], demoLoadState$.value).value.status === 'loading';
}

/** The progress and outcome of a demo load, on the dashboard until the page is left. */
export function DemoLoadStatus() {
  const state = useObservable(() => demoLoadState$, [], demoLoadState$.value).value;
  if (state.status === 'idle') return null;
  return (
    <>
      <p role="status">{statusText(state)}</p>
      {state.status === 'failed' && (
        <p role="alert" className="error-text">
          {state.message}
        </p>
      )}
    </>
  );
}

/** For a new account: explains where data comes from and offers demo data. */
export function EmptyState({ timeZone }: { timeZone: string }) {
  const replica = useReplica();
  const state = useObservable(() => demoLoadState$, [], demoLoadState$.value).value;
  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">No health data yet</h2>
      <p>
        Connect a device under <Link to="/devices">Devices</Link>, add an entry by hand, or load{' '}
        {DEMO_DAYS} days of demo data from a watch, a phone, a band and a scale to see Hearth at
        work.
      </p>
      <button
        type="button"
        className="primary"
        onClick={() => replica && startDemoLoad(replica, timeZone)}
        disabled={!replica || state.status === 'loading'}
      >
        Load demo data
      </button>
    </section>
  );
}
