import type { ReplicatedCollection, ReplicationCheckpoint } from '@hearth/schema';

/** What one collection's pulls have done since the replica was opened. */
export type PullProgress = {
  pulled: number;
  /** Position the first pull of this session started after (0 for a fresh device). */
  startPosition: number | null;
  lastPosition: number | null;
  /** The last pull returned a short page: the server has nothing more for now. */
  caughtUp: boolean;
};

export type CatchUpProgress = {
  pulled: number;
  /** Documents expected in total, once a guess is possible. */
  estimatedTotal: number | null;
  done: boolean;
};

export function emptyPullProgress(): PullProgress {
  return { pulled: 0, startPosition: null, lastPosition: null, caughtUp: false };
}

export function recordPull(
  progress: PullProgress,
  from: ReplicationCheckpoint | undefined,
  page: { documents: unknown[]; checkpoint: ReplicationCheckpoint | null },
  limit: number,
): PullProgress {
  return {
    pulled: progress.pulled + page.documents.length,
    startPosition: progress.startPosition ?? from?.position ?? 0,
    lastPosition: page.checkpoint?.position ?? progress.lastPosition,
    caughtUp: page.documents.length < limit,
  };
}

/**
 * Guesses how many documents a catch-up will pull. Positions come from one per-user change
 * counter shared by every collection, so the newest position seen anywhere (another collection's
 * checkpoint, a live change) bounds what is left; a collection still pulling is assumed to keep
 * the density (documents per position) it has had so far. It is an estimate, shown as "about".
 */
export function estimateCatchUp(
  perCollection: Partial<Record<ReplicatedCollection, PullProgress>>,
  newestKnownPosition: number | null,
): CatchUpProgress {
  const entries = Object.values(perCollection);
  const pulled = entries.reduce((sum, p) => sum + p.pulled, 0);
  const done = entries.length > 0 && entries.every((p) => p.caughtUp);
  if (done) return { pulled, estimatedTotal: pulled, done };
  let estimatedTotal = pulled;
  for (const p of entries) {
    if (p.caughtUp) continue;
    if (p.lastPosition === null || p.startPosition === null || newestKnownPosition === null) {
      return { pulled, estimatedTotal: null, done };
    }
    const covered = p.lastPosition - p.startPosition;
    const remaining = Math.max(0, newestKnownPosition - p.lastPosition);
    if (covered > 0) estimatedTotal += Math.round((p.pulled / covered) * remaining);
  }
  return { pulled, estimatedTotal: Math.max(estimatedTotal, pulled), done };
}
