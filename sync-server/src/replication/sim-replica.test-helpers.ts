import type { FastifyInstance } from 'fastify';
import { resolveConflict } from '@hearth/core';
import type { DeviceDoc, ReplicationCheckpoint, SeriesDoc, SettingsDoc } from '@hearth/schema';
import { pull, push } from './replication.test-helpers.js';

/**
 * A replica for the server's property tests: per document the local state, the master state it
 * last saw (`assumed`), and whether it has local changes to push. It follows RxDB's rules: a pull
 * overwrites only documents without pending changes; a clean push makes the pushed state the
 * assumed master; a conflict is resolved by core's `resolveConflict` — the function the PWA's
 * RxDB conflict handlers call — and the result is pushed again unless it adds nothing to the
 * master.
 */
export type SimCollection = 'series' | 'devices' | 'settings';
type DocOf<C extends SimCollection> = {
  series: SeriesDoc;
  devices: DeviceDoc;
  settings: SettingsDoc;
}[C];

interface Local<D> {
  doc: D;
  assumed: D | null;
  pending: boolean;
}

export class SimReplica {
  /** Conflicts met by this replica's pushes (tests check that conflicts were exercised). */
  conflicts = 0;
  readonly #app: FastifyInstance;
  readonly #cookie: string;
  readonly #docs = {
    series: new Map<string, Local<SeriesDoc>>(),
    devices: new Map<string, Local<DeviceDoc>>(),
    settings: new Map<string, Local<SettingsDoc>>(),
  };
  readonly #checkpoints: Record<SimCollection, ReplicationCheckpoint | null> = {
    series: null,
    devices: null,
    settings: null,
  };

  constructor(app: FastifyInstance, cookie: string) {
    this.#app = app;
    this.#cookie = cookie;
  }

  #table<C extends SimCollection>(collection: C): Map<string, Local<DocOf<C>>> {
    return this.#docs[collection] as unknown as Map<string, Local<DocOf<C>>>;
  }

  get<C extends SimCollection>(collection: C, id: string): DocOf<C> | undefined {
    return this.#table(collection).get(id)?.doc;
  }

  /** Every document of the collection as this replica holds it. */
  all<C extends SimCollection>(collection: C): DocOf<C>[] {
    return [...this.#table(collection).values()].map((l) => l.doc);
  }

  /** A local write (works offline): the document waits to be pushed. */
  write<C extends SimCollection>(collection: C, doc: DocOf<C>): void {
    const table = this.#table(collection);
    const current = table.get(doc.id);
    table.set(doc.id, {
      doc: { ...doc, updatedAt: '' },
      assumed: current?.assumed ?? null,
      pending: true,
    });
  }

  hasPending(): boolean {
    return Object.values(this.#docs).some((t) => [...t.values()].some((l) => l.pending));
  }

  async push<C extends SimCollection>(collection: C): Promise<void> {
    const table = this.#table(collection);
    const pending = [...table.values()].filter((l) => l.pending);
    if (pending.length === 0) return;
    const rows = pending.map((l) => ({ assumedMasterState: l.assumed, newDocumentState: l.doc }));
    const conflicts = await push(this.#app, this.#cookie, collection, rows as never);
    const conflicted = new Map((conflicts as DocOf<C>[]).map((m) => [m.id, m]));
    this.conflicts += conflicted.size;
    for (const local of pending) {
      const master = conflicted.get(local.doc.id);
      if (!master) {
        table.set(local.doc.id, { doc: local.doc, assumed: local.doc, pending: false });
        continue;
      }
      const resolved = resolveConflict<SimCollection>(collection, {
        assumed: local.assumed,
        master,
        local: local.doc,
      });
      table.set(local.doc.id, {
        doc: resolved.doc as DocOf<C>,
        assumed: master,
        pending: resolved.push,
      });
    }
  }

  /** Pulls until caught up; returns how many documents came in. */
  async pull<C extends SimCollection>(collection: C): Promise<number> {
    const table = this.#table(collection);
    let received = 0;
    for (;;) {
      const page = await pull(
        this.#app,
        this.#cookie,
        collection,
        this.#checkpoints[collection],
        50,
      );
      for (const master of page.documents as DocOf<C>[]) {
        const local = table.get(master.id);
        // Local changes not yet pushed win locally; the push will meet this master as a conflict.
        if (!local?.pending) table.set(master.id, { doc: master, assumed: master, pending: false });
      }
      received += page.documents.length;
      this.#checkpoints[collection] = page.checkpoint;
      if (page.documents.length < 50) return received;
    }
  }
}
