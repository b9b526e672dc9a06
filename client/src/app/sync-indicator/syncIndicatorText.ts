import { formatRelativeTime } from '../../format/relativeTime.js';
import type { SyncSnapshot } from '../../sync/syncTracker.js';
import { format } from '../../format/currentFormat.js';

export type SyncIndicatorText = {
  tone: 'ok' | 'busy' | 'offline' | 'error';
  connection: string;
  pending: string | null;
  lastSynced: string;
  progress: { label: string; value: number | null; max: number | null } | null;
  error: string | null;
};

/** Why a replaced stream stays closed (client/src/sync/stream.ts, `REPLACED_RETRY_MS`). */
const PAUSED =
  'Hearth is open in too many tabs or browsers of your account, so this one paused its live ' +
  'updates. Changes still arrive every half minute; Retry now resumes them here.';

function connectionLabel(snapshot: SyncSnapshot, browserOnline: boolean): string {
  if (!browserOnline || snapshot.connection === 'offline') return 'Offline';
  if (snapshot.connection === 'paused') return 'Live updates paused';
  return snapshot.connection === 'connected' ? 'Online' : 'Reconnecting…';
}

function progressOf(snapshot: SyncSnapshot): SyncIndicatorText['progress'] {
  const { pulled, estimatedTotal, done } = snapshot.catchUp;
  // A few documents arriving is ordinary live sync; only a real catch-up deserves a bar.
  if (done || pulled < 1000) return null;
  if (estimatedTotal === null) {
    return {
      label: `Syncing your history: ${format().number(pulled)} pulled`,
      value: null,
      max: null,
    };
  }
  const percent = Math.min(99, Math.floor((pulled / Math.max(estimatedTotal, 1)) * 100));
  return {
    label: `Syncing your history: ${format().number(pulled)} of about ${format().number(estimatedTotal)} (${percent}%)`,
    value: pulled,
    max: Math.max(estimatedTotal, pulled),
  };
}

/** What the always-visible sync indicator says, from the tracker's snapshot. */
export function syncIndicatorText(
  snapshot: SyncSnapshot,
  browserOnline: boolean,
  nowMs: number,
): SyncIndicatorText {
  const connection = connectionLabel(snapshot, browserOnline);
  const n = snapshot.pendingUploads;
  const pending =
    n === 0 ? null : `${format().number(n)} ${n === 1 ? 'change' : 'changes'} waiting to upload`;
  const lastSynced = snapshot.syncedByOtherTab
    ? 'Syncing in another Hearth tab'
    : snapshot.lastSyncedAt === null
      ? 'Not synced yet'
      : `Last synced ${formatRelativeTime(snapshot.lastSyncedAt, nowMs)}`;
  const failure = snapshot.updateRequired
    ? 'A newer version of Hearth is needed to sync: reload to update.'
    : (snapshot.error?.message ?? null);
  const paused = connection === 'Live updates paused';
  const error = failure ?? (paused ? PAUSED : null);
  const progress = snapshot.syncedByOtherTab ? null : progressOf(snapshot);
  const tone = failure
    ? 'error'
    : connection === 'Offline' || paused
      ? 'offline'
      : progress || pending || connection !== 'Online'
        ? 'busy'
        : 'ok';
  return { tone, connection, pending, lastSynced, progress, error };
}
