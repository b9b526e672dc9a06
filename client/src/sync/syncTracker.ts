import {
  REPLICATED_COLLECTIONS,
  type ReplicatedCollection,
  type ReplicationCheckpoint,
} from '@hearth/schema';
import { BehaviorSubject } from 'rxjs';
import {
  emptyPullProgress,
  estimateCatchUp,
  recordPull,
  type CatchUpProgress,
  type PullProgress,
} from './progress.js';
import type { SyncError } from './describeError.js';
import type { ConnectionState } from './stream.js';

export type SyncSnapshot = {
  connection: ConnectionState;
  /** Local documents written on this device that the server has not confirmed yet. */
  pendingUploads: number;
  /** When this device last finished exchanging changes with the server (its own clock). */
  lastSyncedAt: number | null;
  catchUp: CatchUpProgress;
  /** The last replication error, cleared by the next successful exchange. */
  error: SyncError | null;
  /** The server speaks a newer replication protocol: this version of the app must update. */
  updateRequired: boolean;
  /** Another tab of this browser holds the replication; this one sees its results. */
  syncedByOtherTab: boolean;
};

export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

/** Collects what the replication does into one snapshot for the sync indicator. */
export class SyncTracker {
  /** Every collection starts "not caught up": the catch-up is done only once all of them are. */
  private readonly progress: Partial<Record<ReplicatedCollection, PullProgress>> =
    Object.fromEntries(REPLICATED_COLLECTIONS.map((c) => [c, emptyPullProgress()]));
  private newestPosition: number | null = null;
  readonly snapshot$: BehaviorSubject<SyncSnapshot>;

  constructor(
    private readonly store: KeyValueStore | null,
    private readonly storeKey: string,
    private readonly now: () => number = Date.now,
  ) {
    const saved = Number(store?.getItem(storeKey) ?? NaN);
    this.snapshot$ = new BehaviorSubject<SyncSnapshot>({
      connection: 'connecting',
      pendingUploads: 0,
      lastSyncedAt: Number.isFinite(saved) && saved > 0 ? saved : null,
      catchUp: { pulled: 0, estimatedTotal: null, done: false },
      error: null,
      updateRequired: false,
      syncedByOtherTab: false,
    });
  }

  get snapshot(): SyncSnapshot {
    return this.snapshot$.value;
  }

  pulled(
    collection: ReplicatedCollection,
    from: ReplicationCheckpoint | undefined,
    page: { documents: unknown[]; checkpoint: ReplicationCheckpoint | null },
    limit: number,
  ): void {
    const next = recordPull(this.progress[collection] ?? emptyPullProgress(), from, page, limit);
    this.progress[collection] = next;
    this.seePosition(next.lastPosition);
    const catchUp = estimateCatchUp(this.progress, this.newestPosition);
    this.update({ catchUp, error: null, ...(next.caughtUp ? this.syncedNow() : {}) });
  }

  pushed(): void {
    this.update({ error: null, ...this.syncedNow() });
  }

  /** A live change arrived: the server is at least at this position. */
  sawPosition(position: number): void {
    this.seePosition(position);
    this.update({ catchUp: estimateCatchUp(this.progress, this.newestPosition) });
  }

  failed(error: SyncError): void {
    this.update({ error });
  }

  set(
    patch: Partial<
      Pick<SyncSnapshot, 'connection' | 'pendingUploads' | 'updateRequired' | 'syncedByOtherTab'>
    >,
  ) {
    this.update(patch);
  }

  private seePosition(position: number | null): void {
    if (position !== null && (this.newestPosition === null || position > this.newestPosition)) {
      this.newestPosition = position;
    }
  }

  private syncedNow(): Pick<SyncSnapshot, 'lastSyncedAt'> {
    const at = this.now();
    this.store?.setItem(this.storeKey, String(at));
    return { lastSyncedAt: at };
  }

  private update(patch: Partial<SyncSnapshot>): void {
    this.snapshot$.next({ ...this.snapshot$.value, ...patch });
  }
}
