import { z } from 'zod';
import { REPLICATED_DOC_SCHEMAS, type ReplicatedCollection } from './replication.js';

export type DocJsonSchema = z.core.JSONSchema.BaseSchema;

/**
 * The JSON Schema (draft-07) of a replicated document, from its zod schema, for stores that
 * validate with JSON Schema (the PWA's RxDB collections, client/src/db/collections.ts).
 *
 * - `io: 'output'`: a store holds documents as zod returns them, defaults filled in, so a field
 *   with a default (settings `preferences`) is required and an object has no other properties.
 * - `target: 'draft-7'`: the draft RxDB's validators implement (a tuple is `items: [...]`).
 * - `reused: 'inline'`: no `$ref`, which RxDB refuses.
 * - `unrepresentable: 'throw'`: a type JSON Schema cannot say (a date, a bigint, a transform)
 *   fails here, at start-up and in the tests, instead of turning into "anything".
 *
 * Refinements have no JSON Schema and are left out: a time zone is an IANA one and a display
 * unit one its type can be shown in are checked where settings are written (the server's
 * validation and the settings page), not by a replica's store.
 */
export function replicatedDocJsonSchema(collection: ReplicatedCollection): DocJsonSchema {
  return z.toJSONSchema(REPLICATED_DOC_SCHEMAS[collection], {
    target: 'draft-7',
    io: 'output',
    reused: 'inline',
    unrepresentable: 'throw',
  });
}
