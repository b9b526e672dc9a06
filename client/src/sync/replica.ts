import {
  FRESHNESS_DOC_ID,
  type PushResponse,
  type PushRow,
  type ReplicatedCollection,
  type ReplicationCheckpoint,
} from '@hearth/schema';
import { combineLatest, distinctUntilChanged, map, merge, tap, type Subscription } from 'rxjs';
import type { RxCollection, RxStorage, WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { createHearthDatabase, databaseNameFor, deleteLeftoverDatabases } from '../db/database.js';
import { PENDING_UPDATED_AT, type HearthDatabase } from '../db/types.js';
import { acknowledgeUpload } from '../data/acknowledgeUpload.js';
import { LocalChanges } from '../data/localChanges.js';
import { pruneLocalChanges } from '../data/pruneLocalChanges.js';
import { describeSyncError } from './describeError.js';
import { chunkPushRows } from './pushChunks.js';
import { PushEchoes } from './pushEchoes.js';
import type { ReplicationStream } from './stream.js';
import { SyncTracker, type KeyValueStore } from './syncTracker.js';
import { httpTransport, type ReplicationTransport } from './transport.js';

/** Page sizes: big pages for the bulky collections (a user-year is ~50,000 series). */
const PULL_BATCH: Record<ReplicatedCollection, number> = {
  series: 1000,
  rollups: 1000,
  devices: 200,
  settings: 10,
  insights: 200,
  freshness: 10,
};
/** Collections this device may write, with their push page size (≤ MAX_PUSH_ROWS). */
const PUSH_BATCH: Partial<Record<ReplicatedCollection, number>> = {
  series: 500,
  devices: 50,
  settings: 10,
  insights: 100,
};
const WRITABLE = Object.keys(PUSH_BATCH) as ReplicatedCollection[];
const STREAM_DOWN_POLL_MS = 30_000;
const LEADERSHIP_GRACE_MS = 3000;
const ALL: ReplicatedCollection[] = [
  'settings',
  'devices',
  'insights',
  'rollups',
  'series',
  'freshness',
];

export type ReplicaOptions = {
  userId: string;
  /** The account's zone, used until the settings document has replicated. */
  timeZone: string;
  transport?: ReplicationTransport;
  /** The live change stream; null replicates by pulls only (tests). */
  stream: ReplicationStream | null;
  storage?: RxStorage<unknown, unknown>;
  multiInstance?: boolean;
  keyValueStore?: KeyValueStore | null;
  retryTimeMs?: number;
  /**
   * Whether the server caught up with local changes is checked whenever the watermark, the
   * uploads or the local changes move, and also this often (0: never check).
   */
  pruneEveryMs?: number;
};

type AnyReplication = RxReplicationState<unknown, ReplicationCheckpoint>;
type Doc = { id: string };

/** The local replica of one account: the database, its five replications and their status. */
export class Replica {
  private readonly subscriptions: Subscription[] = [];
  readonly replications: AnyReplication[] = [];

  private constructor(
    readonly db: HearthDatabase,
    readonly tracker: SyncTracker,
    readonly stream: ReplicationStream | null,
    /** Days changed on this device whose server rollups have not caught up yet. */
    readonly localChanges: LocalChanges,
    /** The account's zone, until the settings document has replicated. */
    private readonly fallbackTimeZone: string,
  ) {}

  static async open(options: ReplicaOptions): Promise<Replica> {
    const db = await createHearthDatabase({
      name: databaseNameFor(options.userId),
      ...(options.storage ? { storage: options.storage } : {}),
      multiInstance: options.multiInstance ?? true,
    });
    const tracker = new SyncTracker(
      options.keyValueStore ?? null,
      `hearth:${options.userId}:lastSyncedAt`,
    );
    const store = options.keyValueStore ?? null;
    const localChanges = new LocalChanges(store, `hearth:${options.userId}:localChanges`);
    const replica = new Replica(db, tracker, options.stream, localChanges, options.timeZone);
    replica.start(options.transport ?? httpTransport, options.retryTimeMs ?? 3000);
    replica.schedulePruning(options.pruneEveryMs ?? 5000);
    return replica;
  }

  private schedulePruning(everyMs: number): void {
    if (everyMs <= 0) return;
    let running = false;
    let again = false;
    const prune = (): void => {
      const { days, settingsChangedAt } = this.localChanges.state;
      if (days.size === 0 && settingsChangedAt === null) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      pruneLocalChanges(this.db, this.localChanges, this.fallbackTimeZone)
        .catch(() => {
          // The database closed under it (sign-out); the next open starts afresh.
        })
        .finally(() => {
          running = false;
          if (again) {
            again = false;
            prune();
          }
        });
    };
    const timer = setInterval(prune, everyMs);
    const moved = merge(
      this.db.freshness.findOne(FRESHNESS_DOC_ID).$,
      this.tracker.snapshot$.pipe(
        map((s) => s.pendingUploads),
        distinctUntilChanged(),
      ),
      this.localChanges.state$,
    );
    this.subscriptions.push(
      { unsubscribe: () => clearInterval(timer) } as Subscription,
      moved.subscribe(prune),
    );
  }

  private start(transport: ReplicationTransport, retryTime: number): void {
    for (const name of ALL) {
      this.replications.push(this.replicate(name, transport, retryTime));
    }
    this.watchPendingUploads();
    this.pollWhileStreamDown();
    this.watchLeadership();
    if (this.stream) {
      const stream = this.stream;
      this.subscriptions.push(
        stream.connection$.subscribe((connection) => this.tracker.set({ connection })),
        stream.protocolMismatch$.subscribe((updateRequired) =>
          this.tracker.set({ updateRequired }),
        ),
      );
      stream.start();
    } else {
      this.tracker.set({ connection: 'connected' });
    }
  }

  private replicate(
    name: ReplicatedCollection,
    transport: ReplicationTransport,
    retryTime: number,
  ): AnyReplication {
    const tracker = this.tracker;
    const pushBatch = PUSH_BATCH[name];
    const echoes = new PushEchoes();
    const stream$ = this.stream?.stream$(name).pipe(
      tap((item) => {
        if (item === 'RESYNC') return;
        tracker.sawPosition(item.checkpoint.position);
        echoes.delivered(item.documents, item.checkpoint);
      }),
    );
    const upload = async (rows: PushRow<never>[]) => {
      const recorded = echoes.uploadStarted(rows.map((row) => (row.newDocumentState as Doc).id));
      try {
        return await this.upload(name, transport, rows);
      } finally {
        // RxDB records the answer after this handler returns, in the upstream task running it.
        const upstream = replication.internalReplicationState?.streamQueue.up;
        void (upstream ?? Promise.resolve()).then(() => {
          if (recorded()) replication.reSync();
        });
      }
    };
    const replication: AnyReplication = replicateRxCollection<unknown, ReplicationCheckpoint>({
      replicationIdentifier: `hearth-${name}-v1`,
      collection: this.db[name] as RxCollection,
      live: true,
      retryTime,
      pull: {
        batchSize: PULL_BATCH[name],
        ...(stream$ ? { stream$ } : {}),
        async handler(checkpoint, batchSize) {
          try {
            const from = echoes.pullFrom(checkpoint);
            const page = await transport.pull(name, from, batchSize);
            echoes.pulled(from, page.documents, page.checkpoint ?? from);
            tracker.pulled(name, from, page, batchSize);
            return { documents: page.documents, checkpoint: page.checkpoint ?? checkpoint };
          } catch (error) {
            const described = describeSyncError(error);
            if (described) tracker.failed(described);
            throw error;
          }
        },
      },
      ...(pushBatch
        ? {
            push: {
              batchSize: pushBatch,
              handler: async (rows) => {
                const body = rows.map((row) => ({
                  assumedMasterState: row.assumedMasterState ?? null,
                  newDocumentState: row.newDocumentState,
                })) as PushRow<never>[];
                return (await upload(body)) as WithDeleted<unknown>[];
              },
            },
          }
        : {}),
    });
    return replication;
  }

  /** Pushes rows in request-sized chunks; records where the upload reached for local changes. */
  private async upload(
    name: ReplicatedCollection,
    transport: ReplicationTransport,
    rows: PushRow<never>[],
  ): Promise<unknown[]> {
    const writesBefore = this.localChanges.writeCount;
    const settingsChangedBefore = this.localChanges.state.settingsChangedAt;
    try {
      const response: PushResponse<unknown> = { conflicts: [] };
      for (const chunk of chunkPushRows(rows)) {
        const answer = await transport.push(name, chunk);
        response.conflicts.push(...answer.conflicts);
        if (answer.position !== undefined) {
          response.position = Math.max(response.position ?? 0, answer.position);
        }
      }
      this.tracker.pushed();
      await acknowledgeUpload(
        this.db,
        this.localChanges,
        { collection: name, rows, response, writesBefore, settingsChangedBefore },
        this.fallbackTimeZone,
      );
      return response.conflicts;
    } catch (error) {
      const described = describeSyncError(error);
      if (described) this.tracker.failed(described);
      throw error;
    }
  }

  /**
   * Without the live stream nothing tells the replica that the server changed (including the
   * server's own state of what this device just uploaded): pull now and then until it is back.
   */
  private pollWhileStreamDown(): void {
    const stream = this.stream;
    if (!stream) return;
    const timer = setInterval(() => {
      const online = globalThis.navigator?.onLine ?? true;
      if (online && stream.connection$.value !== 'connected') {
        for (const replication of this.replications) replication.reSync();
      }
    }, STREAM_DOWN_POLL_MS);
    this.subscriptions.push({ unsubscribe: () => clearInterval(timer) } as Subscription);
  }

  /**
   * Tabs of one browser share the database and elect one leader to replicate (RxDB's leader
   * election). A tab that is still not the leader after a moment says so instead of "not synced".
   */
  private watchLeadership(): void {
    if (!this.db.multiInstance) return;
    const timer = setTimeout(() => {
      if (!this.db.isLeader()) this.tracker.set({ syncedByOtherTab: true });
    }, LEADERSHIP_GRACE_MS);
    void this.db.waitForLeadership().then(() => {
      clearTimeout(timer);
      this.tracker.set({ syncedByOtherTab: false });
    });
    this.subscriptions.push({ unsubscribe: () => clearTimeout(timer) } as Subscription);
  }

  private watchPendingUploads(): void {
    const counts = WRITABLE.map(
      (name) => this.db[name].count({ selector: { updatedAt: PENDING_UPDATED_AT } }).$,
    );
    this.subscriptions.push(
      combineLatest(counts).subscribe((values) => {
        this.tracker.set({ pendingUploads: values.reduce((a, b) => a + b, 0) });
      }),
    );
  }

  /** Resolves when every local change is uploaded and every server change pulled. */
  async awaitInSync(): Promise<void> {
    await Promise.all(this.replications.map((r) => r.awaitInSync()));
  }

  /** Retries now instead of waiting for the next retry tick. */
  syncNow(): void {
    this.stream?.reconnectNow();
    for (const replication of this.replications) replication.reSync();
  }

  async close(): Promise<void> {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.stream?.stop();
    await Promise.all(this.replications.map((r) => r.cancel()));
    await this.db.close();
  }

  /** Closes the replica and deletes this account's local data (on sign-out). */
  async destroy(): Promise<void> {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.stream?.stop();
    await Promise.all(this.replications.map((r) => r.cancel()));
    const name = this.db.name;
    await this.db.remove();
    await deleteLeftoverDatabases(name);
  }
}
