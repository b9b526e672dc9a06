import type { ReplicationCheckpoint } from '@hearth/schema';
import type { Queryable } from '../../db/pool.js';

/**
 * Where one collection's rows live: the table, the SQL expression that yields a row's document
 * id (exactly the id the document carries), and an optional filter (rollups replicate no hour
 * rows). Every replicated table has `user_id`, `position`, `updated_at` and `deleted`.
 */
export interface ChangeSource {
  table: string;
  idSql: string;
  filterSql?: string;
  /** The table's own columns the collection needs to build its documents. */
  columns: string;
}

/** The columns every change row carries besides the collection's own. */
export interface ChangeRowBase {
  doc_id: string;
  position: number;
  updated_at: Date;
  deleted: boolean;
}

// Ids compare byte-wise (COLLATE "C"), the same order on every database whatever its locale.
const idOf = (source: ChangeSource) => `(${source.idSql}) COLLATE "C"`;

/**
 * The user's rows strictly after `after` in (position, id) order, at most `limit` of them, in
 * one statement (one snapshot). A limit in SQL and no filtering afterwards: a page is short
 * only when nothing more exists (SPEC R2).
 */
export async function selectChanges<Row extends object>(
  db: Queryable,
  source: ChangeSource,
  userId: string,
  after: ReplicationCheckpoint | null,
  limit: number,
): Promise<Array<Row & ChangeRowBase>> {
  const id = idOf(source);
  const res = await db.query<Row & ChangeRowBase>(
    `SELECT ${source.columns}, ${id} AS doc_id, position, updated_at, deleted
       FROM ${source.table}
      WHERE user_id = $1 ${source.filterSql ? `AND ${source.filterSql}` : ''}
        AND (position > $2 OR (position = $2 AND ${id} > $3))
      ORDER BY position, ${id}
      LIMIT $4`,
    [userId, after?.position ?? -1, after?.id ?? '', limit],
  );
  return res.rows;
}

/** The checkpoint of the user's last row in the collection (null when it has none). */
export async function selectLatestCheckpoint(
  db: Queryable,
  source: ChangeSource,
  userId: string,
): Promise<ReplicationCheckpoint | null> {
  const id = idOf(source);
  const res = await db.query<{ doc_id: string; position: number }>(
    `SELECT ${id} AS doc_id, position FROM ${source.table}
      WHERE user_id = $1 ${source.filterSql ? `AND ${source.filterSql}` : ''}
      ORDER BY position DESC, ${id} DESC
      LIMIT 1`,
    [userId],
  );
  const row = res.rows[0];
  return row ? { position: row.position, id: row.doc_id } : null;
}
