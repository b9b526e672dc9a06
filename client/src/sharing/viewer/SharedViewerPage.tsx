import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { rangeLength, summariseShare } from './metricSummary.js';
import { SharedBy } from './SharedBy.js';
import { fetchSharedData, sharedDataUrl, type SharedDataResult } from './sharedDataClient.js';
import { SharedMetricSection } from './SharedMetricSection.js';
import { formatRange, unitsNote } from './summaryText.js';
import '../sharing.css';
import '../print.css';

type LoadState = { status: 'loading' } | SharedDataResult;

function useSharedData(accessCode: string, attempt: number): LoadState {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchSharedData(accessCode, controller.signal).then(setState, (err: unknown) => {
      if (!(err instanceof DOMException && err.name === 'AbortError')) {
        setState({ status: 'error', httpStatus: 0 });
      }
    });
    return () => controller.abort();
  }, [accessCode, attempt]);
  return state;
}

function Problem({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="shared-problem" role="alert">
      <h1>{title}</h1>
      {children}
    </div>
  );
}

function ProblemView({
  state,
  retry,
}: {
  state: Exclude<LoadState, { status: 'ok' }>;
  retry: () => void;
}) {
  switch (state.status) {
    case 'loading':
      return <p role="status">Loading the shared data…</p>;
    case 'not-found':
      return (
        <Problem title="This link does not work">
          <p>
            The link is invalid, has expired or was revoked by the person who shared it. Ask them
            for a new link.
          </p>
        </Problem>
      );
    case 'rate-limited':
      return (
        <Problem title="Too many attempts">
          <p>This address tried too many links that do not exist. Wait a minute, then try again.</p>
          <button type="button" onClick={retry}>
            Try again
          </button>
        </Problem>
      );
    case 'unreachable':
    case 'error':
      return (
        <Problem title="The shared data could not be loaded">
          <p>
            {state.status === 'unreachable'
              ? 'The server cannot be reached. Check the connection.'
              : 'The server had a problem.'}
          </p>
          <button type="button" onClick={retry}>
            Try again
          </button>
        </Problem>
      );
  }
}

/**
 * `/shared/:accessCode`: what a clinician sees. No sign-in and no local replica: one request to
 * the public endpoint, summaries and charts per metric, FHIR and CSV downloads, and a layout that
 * prints cleanly.
 */
export function SharedViewerPage({ accessCode }: { accessCode: string }) {
  const [attempt, setAttempt] = useState(0);
  const state = useSharedData(accessCode, attempt);
  const metrics = useMemo(() => (state.status === 'ok' ? summariseShare(state.data) : []), [state]);
  const units = unitsNote(metrics.map((m) => m.type));

  return (
    <div className="shared-view">
      <header className="shared-view__brand">
        <img src="/icons/icon-192.png" alt="" width="28" height="28" />
        <span>Hearth</span>
        <span className="muted">· shared health data</span>
      </header>
      <main id="main" className="shared-view__main">
        {state.status !== 'ok' ? (
          <ProblemView state={state} retry={() => setAttempt((n) => n + 1)} />
        ) : (
          <>
            <div className="shared-view__intro">
              <h1>Health data for {formatRange(state.data.dateRange)}</h1>
              <SharedBy name={state.data.sharedBy} />
              <p className="muted">
                Daily figures from the person’s own devices, deduplicated across devices, in their
                local time. Sleep is counted on the day the night ends.
              </p>
              {units && <p className="muted">{units}</p>}
              <div className="shared-view__actions">
                <a className="button-link" href={sharedDataUrl(accessCode, 'fhir')} download>
                  Download FHIR (JSON)
                </a>
                <a className="button-link" href={sharedDataUrl(accessCode, 'csv')} download>
                  Download CSV
                </a>
                <button type="button" onClick={() => window.print()}>
                  Print
                </button>
              </div>
            </div>
            {metrics.map(({ type, summary }) => (
              <SharedMetricSection
                key={type}
                type={type}
                summary={summary}
                range={state.data.dateRange}
                rangeDays={rangeLength(state.data.dateRange)}
              />
            ))}
          </>
        )}
      </main>
      <footer className="shared-view__footer muted">
        Shared through Hearth. Figures come from consumer devices and are not a medical record.
      </footer>
    </div>
  );
}
