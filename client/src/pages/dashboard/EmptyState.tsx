import { localDateOf } from '@hearth/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { createDevice } from '../../api/devices.js';
import { NetworkError } from '../../api/http.js';
import { useReplica } from '../../app/replicaContext.js';
import { DEMO_DAYS, loadDemoData, type DemoProgress } from '../../demo/loadDemoData.js';

const count = new Intl.NumberFormat('en');

/** For a new account: explains where data comes from and offers demo data. */
export function EmptyState({ timeZone }: { timeZone: string }) {
  const replica = useReplica();
  const [progress, setProgress] = useState<DemoProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    if (!replica) return;
    setError(null);
    setProgress({ written: 0, total: 0 });
    try {
      const now = Date.now();
      await loadDemoData(replica.db, replica.localChanges, {
        timeZone,
        today: localDateOf(now, timeZone),
        now,
        createDevice,
        onProgress: setProgress,
      });
    } catch (caught) {
      setProgress(null);
      setError(
        caught instanceof NetworkError
          ? 'Loading demo data registers demo devices on the server: connect and try again.'
          : 'The demo data could not be loaded. Try again.',
      );
    }
  };
  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">No health data yet</h2>
      <p>
        Connect a device under <Link to="/devices">Devices</Link>, add an entry by hand, or load{' '}
        {DEMO_DAYS} days of demo data from a watch, a phone, a band and a scale to see Hearth at
        work.
      </p>
      <button type="button" className="primary" onClick={load} disabled={progress !== null}>
        Load demo data
      </button>
      {progress && (
        <p role="status">
          {progress.total === 0
            ? 'Creating demo devices…'
            : `Writing demo history: ${count.format(progress.written)} of ${count.format(progress.total)} series`}
        </p>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </section>
  );
}
