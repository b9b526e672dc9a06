import {
  REPLICATED_DOC_SCHEMAS,
  pullResponseSchema,
  pushResponseSchema,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type ReplicatedCollection,
  type ReplicatedDoc,
  type ReplicationCheckpoint,
} from '@hearth/schema';
import { apiRequest } from '../api/http.js';

/** How the replica talks to the server; the HTTP one below, or an in-memory model in tests. */
export type ReplicationTransport = {
  pull<C extends ReplicatedCollection>(
    collection: C,
    checkpoint: ReplicationCheckpoint | undefined,
    limit: number,
  ): Promise<PullResponse<ReplicatedDoc<C>>>;
  push<C extends ReplicatedCollection>(
    collection: C,
    rows: PushRow<ReplicatedDoc<C>>[],
  ): Promise<PushResponse<ReplicatedDoc<C>>>;
};

const pullParsers = Object.fromEntries(
  Object.entries(REPLICATED_DOC_SCHEMAS).map(([name, doc]) => [name, pullResponseSchema(doc)]),
);
const pushParsers = Object.fromEntries(
  Object.entries(REPLICATED_DOC_SCHEMAS).map(([name, doc]) => [name, pushResponseSchema(doc)]),
);

function pullQuery(checkpoint: ReplicationCheckpoint | undefined, limit: number): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (checkpoint) {
    query.set('position', String(checkpoint.position));
    query.set('id', checkpoint.id);
  }
  return query.toString();
}

export const httpTransport: ReplicationTransport = {
  async pull(collection, checkpoint, limit) {
    const response = await apiRequest(
      `/replication/${collection}/pull?${pullQuery(checkpoint, limit)}`,
      { schema: pullParsers[collection]! },
    );
    // The parser is the collection's own schema (REPLICATED_DOC_SCHEMAS[collection]).
    return response as PullResponse<ReplicatedDoc<typeof collection>>;
  },
  async push(collection, rows) {
    const response = await apiRequest(`/replication/${collection}/push`, {
      method: 'POST',
      body: { rows },
      schema: pushParsers[collection]!,
    });
    return response as PushResponse<ReplicatedDoc<typeof collection>>;
  },
};
