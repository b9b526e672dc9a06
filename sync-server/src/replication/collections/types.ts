import type { ReplicatedCollection, ReplicationCheckpoint } from '@hearth/schema';
import type { PoolClient, Queryable } from '../../db/pool.js';

/** What reading a user's documents needs: a connection, the user, and their data key. */
export interface ReadContext {
  db: Queryable;
  userId: string;
  dataKey: Buffer;
}

/** Writing happens inside the push transaction, after the user's write lock was taken. */
export interface WriteContext extends ReadContext {
  db: PoolClient;
  /** The request's clock (epoch ms), for "starts too far in the future" checks. */
  now: number;
}

/** A document as the pull and the stream hand it out, with its place in the change order. */
export interface Change<D> {
  doc: D;
  checkpoint: ReplicationCheckpoint;
}

/** A pushed row the conflict check let through: `master` is null for a new document. */
export interface AcceptedWrite<D> {
  master: D | null;
  assumed: D | null;
  next: D;
}

export interface CollectionReader<D> {
  /** The user's documents strictly after `after` in (position, id) order, at most `limit`. */
  changesAfter(
    ctx: ReadContext,
    after: ReplicationCheckpoint | null,
    limit: number,
  ): Promise<Change<D>[]>;
  /** Where the collection's change order currently ends for the user (null: no rows yet). */
  latestCheckpoint(db: Queryable, userId: string): Promise<ReplicationCheckpoint | null>;
}

export interface CollectionWriter<D extends { id: string }> {
  /** The fields a client owns: the only ones the conflict check compares (SPEC R3). */
  clientFields: readonly (keyof D & string)[];
  /**
   * Rejects (AppError) documents the server never accepts whatever the master state, before any
   * row is read: malformed keys, ids that do not match their fields.
   */
  checkDocuments(docs: readonly D[]): void;
  /** The current master state of these documents, by id (absent: no such row for the user). */
  readMasters(ctx: WriteContext, docs: readonly D[]): Promise<Map<string, D>>;
  /**
   * Validates and stores the accepted rows, one fresh position each; returns the collections
   * whose rows changed (for the change notification). Throws AppError to fail the whole push.
   */
  write(ctx: WriteContext, rows: readonly AcceptedWrite<D>[]): Promise<ReplicatedCollection[]>;
}
