import type { FastifyInstance } from 'fastify';
import type {
  PullResponse,
  PushRow,
  ReplicatedCollection,
  ReplicatedDoc,
  ReplicationCheckpoint,
} from '@hearth/schema';

/** HTTP helpers for replication tests (app.inject, a session cookie). */

export async function pull<C extends ReplicatedCollection>(
  app: FastifyInstance,
  cookie: string,
  collection: C,
  checkpoint: ReplicationCheckpoint | null,
  limit = 200,
): Promise<PullResponse<ReplicatedDoc<C>>> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (checkpoint) {
    query.set('position', String(checkpoint.position));
    query.set('id', checkpoint.id);
  }
  const res = await app.inject({
    url: `/api/v1/replication/${collection}/pull?${query.toString()}`,
    headers: { cookie },
  });
  if (res.statusCode !== 200) throw new Error(`pull ${res.statusCode}: ${res.body}`);
  return res.json();
}

/** Pulls page after page until a short page; returns every document and the last checkpoint. */
export async function pullAll<C extends ReplicatedCollection>(
  app: FastifyInstance,
  cookie: string,
  collection: C,
  from: ReplicationCheckpoint | null = null,
  limit = 200,
): Promise<{ documents: ReplicatedDoc<C>[]; checkpoint: ReplicationCheckpoint | null }> {
  const documents: ReplicatedDoc<C>[] = [];
  let checkpoint = from;
  for (;;) {
    const page = await pull(app, cookie, collection, checkpoint, limit);
    documents.push(...page.documents);
    checkpoint = page.checkpoint;
    if (page.documents.length < limit) return { documents, checkpoint };
  }
}

export function pushRaw<C extends ReplicatedCollection>(
  app: FastifyInstance,
  cookie: string,
  collection: C,
  rows: PushRow<ReplicatedDoc<C>>[],
) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/replication/${collection}/push`,
    headers: { cookie },
    payload: { rows },
  });
}

/** Pushes and returns the conflicts; fails on any status but 200. */
export async function push<C extends ReplicatedCollection>(
  app: FastifyInstance,
  cookie: string,
  collection: C,
  rows: PushRow<ReplicatedDoc<C>>[],
): Promise<ReplicatedDoc<C>[]> {
  const res = await pushRaw(app, cookie, collection, rows);
  if (res.statusCode !== 200) throw new Error(`push ${res.statusCode}: ${res.body}`);
  return res.json<{ conflicts: ReplicatedDoc<C>[] }>().conflicts;
}
