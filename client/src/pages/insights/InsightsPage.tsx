import { useReplica } from '../../app/replicaContext.js';
import { ActionError } from '../../components/ActionError.js';
import { LoadError } from '../../components/LoadError.js';
import { useAction } from '../../components/useAction.js';
import { acknowledgeInsight } from '../../data/documents.js';
import { useInsights } from '../../data/useReplicaData.js';
import type { InsightRow } from '../../db/types.js';
import { useFormatter } from '../../format/FormatProvider.js';
import {
  ACKNOWLEDGE_FAILED,
  insightDay,
  insightMessage,
  insightTitle,
  sortInsights,
} from './insightText.js';

function InsightItem({ insight }: { insight: InsightRow }) {
  const replica = useReplica();
  const headingId = `insight-${insight.id}`;
  useFormatter(); // The message and date are in the person's units and locale.
  const acknowledge = useAction(
    () => (replica ? acknowledgeInsight(replica.db, insight.id) : Promise.resolve()),
    () => ACKNOWLEDGE_FAILED,
  );
  return (
    <li className={`banner ${insight.severity === 'high' ? 'banner--high' : ''}`}>
      <article aria-labelledby={headingId}>
        <h2 id={headingId}>{insightTitle(insight)}</h2>
        <p className="muted">
          {insightDay(insight.date)} · {insight.severity} importance
          {insight.acknowledged && ' · acknowledged'}
        </p>
        <p>{insightMessage(insight)}</p>
        {insight.recommendation && <p>{insight.recommendation}</p>}
        {!insight.acknowledged && replica && (
          <button type="button" onClick={acknowledge.run} disabled={acknowledge.busy}>
            Acknowledge<span className="visually-hidden"> {insightTitle(insight)}</span>
          </button>
        )}
        <ActionError error={acknowledge.error} />
      </article>
    </li>
  );
}

export function InsightsPage() {
  const { value, error, retry } = useInsights();
  const insights = sortInsights(value);
  return (
    <>
      <h1>Insights</h1>
      <p className="muted">
        Computed from your daily figures. They are observations, not medical advice.
      </p>
      {error ? (
        <LoadError what="Your insights" error={error} onRetry={retry} />
      ) : insights.length === 0 ? (
        <p>No insights yet. They appear once a few weeks of data have synced.</p>
      ) : (
        <ul className="plain-list">
          {insights.map((insight) => (
            <InsightItem key={insight.id} insight={insight} />
          ))}
        </ul>
      )}
    </>
  );
}
