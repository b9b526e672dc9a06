import { useId, useState } from 'react';
import { METRIC_CONFIG, type ShareLink } from '@hearth/schema';
import { formatRelativeTime } from '../../format/relativeTime.js';
import { formatRange } from '../viewer/summaryText.js';
import { AccessLog } from './AccessLog.js';
import { linkStatus, STATUS_LABEL } from './linkStatus.js';
import { revokeShareLink } from './sharingApi.js';
import { ActionError } from '../../components/ActionError.js';
import { useAction } from '../../components/useAction.js';
import { sharingErrorText } from './errorText.js';
import { format } from '../../format/currentFormat.js';

type Props = { link: ShareLink; nowMs: number; online: boolean; onChanged: () => void };

function accessSummary(link: ShareLink, nowMs: number): string {
  if (link.accessCount === 0 || !link.lastAccessedAt) return 'Never opened';
  const times = link.accessCount === 1 ? 'once' : `${link.accessCount} times`;
  return `Opened ${times}, last ${formatRelativeTime(Date.parse(link.lastAccessedAt), nowMs)}`;
}

/** One link: what it shares, its state, how often it was opened; revoke and the access log. */
export function ShareLinkItem({ link, nowMs, online, onChanged }: Props) {
  const headingId = useId();
  const logId = useId();
  const [showLog, setShowLog] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const status = linkStatus(link, nowMs);
  const metrics = link.dataTypes.map((t) => METRIC_CONFIG[t].displayName).join(', ');

  const revoke = useAction(async () => {
    await revokeShareLink(link.id);
    setConfirming(false);
    onChanged();
  }, sharingErrorText);

  return (
    <li className="share-link" aria-labelledby={headingId}>
      <div className="share-link__main">
        <div className="share-link__title">
          <h3 id={headingId}>{metrics}</h3>
          <span className={`badge share-status share-status--${status}`}>
            {STATUS_LABEL[status]}
          </span>
        </div>
        <p>
          {formatRange({ start: link.dateStart, end: link.dateEnd })}
          {link.recipientEmail && <> · for {link.recipientEmail}</>}
        </p>
        <p className="muted">
          Created {format().date(Date.parse(link.createdAt), 'date-time')} ·{' '}
          {status === 'revoked' && link.revokedAt
            ? `revoked ${format().date(Date.parse(link.revokedAt), 'date-time')}`
            : `${status === 'expired' ? 'expired' : 'expires'} ${format().date(Date.parse(link.expiresAt), 'date-time')}`}
        </p>
        <p>{accessSummary(link, nowMs)}</p>
      </div>
      <div className="share-link__actions">
        <button
          type="button"
          aria-expanded={showLog}
          aria-controls={logId}
          onClick={() => setShowLog((v) => !v)}
          disabled={!online}
        >
          {showLog ? 'Hide access log' : 'Access log'}
        </button>
        {status === 'active' &&
          (confirming ? (
            <span className="share-link__confirm" role="group" aria-label="Confirm revocation">
              <button
                type="button"
                className="danger"
                onClick={revoke.run}
                disabled={!online || revoke.busy}
              >
                Revoke now
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="danger"
              onClick={() => setConfirming(true)}
              disabled={!online}
            >
              Revoke
            </button>
          ))}
      </div>
      <ActionError error={revoke.error} />
      <div id={logId} hidden={!showLog} className="share-link__log">
        {showLog && <AccessLog linkId={link.id} label={`Access log of the link for ${metrics}`} />}
      </div>
    </li>
  );
}
