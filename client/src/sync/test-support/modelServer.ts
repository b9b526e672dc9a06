import {
  REPLICATED_CLIENT_FIELDS,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type ReplicatedCollection,
  type ReplicatedDoc,
  type ReplicationCheckpoint,
} from '@hearth/schema';
import { deepEqual } from 'rxdb/plugins/utils';
import { NetworkError } from '../../api/http.js';
import type { ReplicationTransport } from '../transport.js';

type Doc = { id: string; updatedAt: string; _deleted: boolean } & Record<string, unknown>;
type Stored = { doc: Doc; position: number };

/**
 * An in-memory model of the server's replication contract (sync-server/SPEC.md): one per-user
 * position counter across collections, pages ordered by (position, id), conflicts decided on
 * client-owned fields only, a server-managed `updatedAt`. Used by the client's unit tests.
 */
export class ModelServer implements ReplicationTransport {
  private position = 0;
  private clock = Date.UTC(2026, 0, 1);
  private readonly tables = new Map<ReplicatedCollection, Map<string, Stored>>();
  offline = false;
  readonly calls: { op: 'pull' | 'push'; collection: ReplicatedCollection }[] = [];

  private table(collection: ReplicatedCollection): Map<string, Stored> {
    let table = this.tables.get(collection);
    if (!table) this.tables.set(collection, (table = new Map()));
    return table;
  }

  /** A write made on the server side (ingest, the rollup worker, another device). */
  write<C extends ReplicatedCollection>(collection: C, doc: Omit<ReplicatedDoc<C>, 'updatedAt'>) {
    this.clock += 1000;
    const stored = { ...doc, updatedAt: new Date(this.clock).toISOString() } as unknown as Doc;
    this.table(collection).set(stored.id, { doc: stored, position: ++this.position });
    return stored as unknown as ReplicatedDoc<C>;
  }

  get<C extends ReplicatedCollection>(collection: C, id: string): ReplicatedDoc<C> | undefined {
    return this.table(collection).get(id)?.doc as ReplicatedDoc<C> | undefined;
  }

  count(collection: ReplicatedCollection): number {
    return this.table(collection).size;
  }

  async pull<C extends ReplicatedCollection>(
    collection: C,
    checkpoint: ReplicationCheckpoint | undefined,
    limit: number,
  ): Promise<PullResponse<ReplicatedDoc<C>>> {
    this.calls.push({ op: 'pull', collection });
    if (this.offline) throw new NetworkError(new TypeError('fetch failed'));
    await Promise.resolve();
    const after = (s: Stored) =>
      !checkpoint ||
      s.position > checkpoint.position ||
      (s.position === checkpoint.position && s.doc.id > checkpoint.id);
    const page = [...this.table(collection).values()]
      .filter(after)
      .sort((a, b) => a.position - b.position || (a.doc.id < b.doc.id ? -1 : 1))
      .slice(0, limit);
    const last = page[page.length - 1];
    return {
      documents: page.map((s) => structuredClone(s.doc)) as unknown as ReplicatedDoc<C>[],
      checkpoint: last ? { position: last.position, id: last.doc.id } : null,
    };
  }

  async push<C extends ReplicatedCollection>(
    collection: C,
    rows: PushRow<ReplicatedDoc<C>>[],
  ): Promise<PushResponse<ReplicatedDoc<C>>> {
    this.calls.push({ op: 'push', collection });
    if (this.offline) throw new NetworkError(new TypeError('fetch failed'));
    await Promise.resolve();
    const fields: readonly string[] = REPLICATED_CLIENT_FIELDS[collection];
    const conflicts: ReplicatedDoc<C>[] = [];
    for (const row of rows) {
      const next = row.newDocumentState as unknown as Doc;
      const assumed = row.assumedMasterState as unknown as Doc | null;
      const master = this.table(collection).get(next.id)?.doc;
      const clean =
        master === undefined
          ? assumed === null
          : assumed !== null && fields.every((f) => deepEqual(master[f], assumed[f]));
      if (!clean && master) {
        conflicts.push(structuredClone(master) as unknown as ReplicatedDoc<C>);
        continue;
      }
      this.write(collection, { ...next } as never);
    }
    return { conflicts, position: this.position };
  }
}
