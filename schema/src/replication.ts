import { z } from 'zod';
import { SERIES_CLIENT_FIELDS, seriesDocSchema } from './series.js';
import { freshnessDocSchema, rollupDocSchema } from './rollups.js';
import { DEVICE_CLIENT_FIELDS, deviceDocSchema } from './devices.js';
import { SETTINGS_CLIENT_FIELDS, settingsDocSchema } from './settings.js';
import { INSIGHT_CLIENT_FIELDS, insightDocSchema } from './insights.js';

/** Bumped whenever a replication message changes shape; the stream's hello carries it. */
export const REPLICATION_PROTOCOL_VERSION = 1;

export const REPLICATED_COLLECTIONS = [
  'series',
  'rollups',
  'devices',
  'settings',
  'insights',
  'freshness',
] as const;
export const replicatedCollectionSchema = z.enum(REPLICATED_COLLECTIONS);
export type ReplicatedCollection = z.infer<typeof replicatedCollectionSchema>;

/** Document schema of each collection, as it travels in pulls, pushes and the stream. */
export const REPLICATED_DOC_SCHEMAS = {
  series: seriesDocSchema,
  rollups: rollupDocSchema,
  devices: deviceDocSchema,
  settings: settingsDocSchema,
  insights: insightDocSchema,
  freshness: freshnessDocSchema,
} as const;
export type ReplicatedDoc<C extends ReplicatedCollection> = z.infer<
  (typeof REPLICATED_DOC_SCHEMAS)[C]
>;

/**
 * The fields a client owns in each collection (sync-server/SPEC.md R3): the only ones a push's
 * conflict check compares and a conflict merge takes from the device. Every other field is
 * server-managed. Read-only collections own none. The server's writers, the PWA's conflict
 * handlers and every test model read this one table.
 */
export const REPLICATED_CLIENT_FIELDS = {
  series: SERIES_CLIENT_FIELDS,
  rollups: [],
  devices: DEVICE_CLIENT_FIELDS,
  settings: SETTINGS_CLIENT_FIELDS,
  insights: INSIGHT_CLIENT_FIELDS,
  freshness: [],
} as const satisfies { [C in ReplicatedCollection]: readonly (keyof ReplicatedDoc<C> & string)[] };
export type ClientField<C extends ReplicatedCollection> =
  (typeof REPLICATED_CLIENT_FIELDS)[C][number];

/**
 * A position in the user's server-assigned, monotonic change order (see sync-server/SPEC.md).
 * `id` breaks ties so a checkpoint is exact even if several rows share a position.
 */
export const replicationCheckpointSchema = z.object({
  position: z.number().int().nonnegative(),
  id: z.string(),
});
export type ReplicationCheckpoint = z.infer<typeof replicationCheckpointSchema>;

export const MAX_PULL_LIMIT = 1000;

export const pullQuerySchema = z.object({
  position: z.coerce.number().int().nonnegative().optional(),
  id: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(200),
});
export type PullQuery = z.infer<typeof pullQuerySchema>;

export function pullResponseSchema<T extends z.ZodType>(doc: T) {
  return z.object({
    documents: z.array(doc),
    checkpoint: replicationCheckpointSchema.nullable(),
  });
}
export type PullResponse<T> = { documents: T[]; checkpoint: ReplicationCheckpoint | null };

export function pushRowSchema<T extends z.ZodType>(doc: T) {
  return z.object({ assumedMasterState: doc.nullable(), newDocumentState: doc });
}
export type PushRow<T> = { assumedMasterState: T | null; newDocumentState: T };

export const MAX_PUSH_ROWS = 500;
export function pushBodySchema<T extends z.ZodType>(doc: T) {
  return z.object({ rows: z.array(pushRowSchema(doc)).max(MAX_PUSH_ROWS) });
}

/**
 * The master state of every row that conflicted; the client resolves and pushes again.
 * `position`, when the push wrote rows: the user's change position after it, at or above every
 * written row's (the freshness contract, sync-server/SPEC.md R15). Absent from older servers.
 */
export function pushResponseSchema<T extends z.ZodType>(doc: T) {
  return z.object({
    conflicts: z.array(doc),
    position: z.number().int().nonnegative().optional(),
  });
}
export type PushResponse<T> = { conflicts: T[]; position?: number };

/** Messages the server sends on `/api/v1/replication/stream`. */
export const streamMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), protocolVersion: z.number().int() }),
  z.object({
    type: z.literal('change'),
    collection: replicatedCollectionSchema,
    documents: z.array(z.unknown()),
    checkpoint: replicationCheckpointSchema,
  }),
  /** Sent on (re)connect: the client must pull from its last checkpoint, it may have missed changes. */
  z.object({ type: z.literal('RESYNC') }),
]);
export type StreamMessage = z.infer<typeof streamMessageSchema>;
