import { Link } from 'react-router';
import { useReplica } from '../../app/replicaContext.js';
import { ActionError } from '../../components/ActionError.js';
import { useAction } from '../../components/useAction.js';
import { acknowledgeInsight } from '../../data/documents.js';
import { useInsights } from '../../data/useReplicaData.js';
import { useFormatter } from '../../format/FormatProvider.js';
import {
  ACKNOWLEDGE_FAILED,
  bannerInsight,
  insightMessage,
  insightTitle,
} from '../insights/insightText.js';

/** The most important insight not yet acknowledged, if any. */
export function InsightsBanner() {
  const replica = useReplica();
  // A failure is shown on the insights page; the dashboard's banner is only a pointer to it.
  const insights = useInsights().value;
  useFormatter(); // The message is in the person's units: follow a change at once.
  const insight = bannerInsight(insights);
  const acknowledge = useAction(
    (id: string) => (replica ? acknowledgeInsight(replica.db, id) : Promise.resolve()),
    () => ACKNOWLEDGE_FAILED,
  );
  if (!insight) return null;
  const others = insights.filter((i) => !i.acknowledged).length - 1;
  return (
    <section
      className={`banner ${insight.severity === 'high' ? 'banner--high' : ''}`}
      aria-labelledby="insight-banner-title"
    >
      <h2 id="insight-banner-title">{insightTitle(insight)}</h2>
      <p>{insightMessage(insight)}</p>
      {insight.recommendation && <p>{insight.recommendation}</p>}
      <div className="row__actions">
        {replica && (
          <button
            type="button"
            onClick={() => acknowledge.run(insight.id)}
            disabled={acknowledge.busy}
          >
            Acknowledge
          </button>
        )}
        <Link to="/insights">
          {others > 0 ? `See all insights (${others} more)` : 'See all insights'}
        </Link>
      </div>
      <ActionError error={acknowledge.error} />
    </section>
  );
}
