import { jsonEqual } from '@hearth/core';
import { INSIGHT_CLIENT_FIELDS, type InsightDoc } from '@hearth/schema';
import { AppError } from '../../errors.js';
import { allocatePositions } from '../../db/positions.js';
import { openInsight } from '../../insights/insights.repository.js';
import {
  selectChanges,
  selectLatestCheckpoint,
  type ChangeRowBase,
  type ChangeSource,
} from './changes-query.js';
import type { CollectionReader, CollectionWriter, ReadContext } from './types.js';

const source: ChangeSource = {
  table: 'insights',
  idSql: 'id',
  columns: 'payload, acknowledged',
};

interface InsightRow {
  payload: Buffer;
  acknowledged: boolean;
}

type DbInsight = InsightRow & ChangeRowBase;

function toDoc(ctx: ReadContext, r: DbInsight): InsightDoc {
  const updatedAt = r.updated_at.toISOString();
  const insight = openInsight(ctx.dataKey, ctx.userId, {
    id: r.doc_id,
    payload: r.payload,
    acknowledged: r.acknowledged,
    position: r.position,
    updatedAt,
    deleted: r.deleted,
  });
  return { ...insight, updatedAt, _deleted: r.deleted };
}

export const insightsReader: CollectionReader<InsightDoc> = {
  async changesAfter(ctx, after, limit) {
    const rows = await selectChanges<InsightRow>(ctx.db, source, ctx.userId, after, limit);
    return rows.map((r) => ({
      doc: toDoc(ctx, r),
      checkpoint: { position: r.position, id: r.doc_id },
    }));
  },
  latestCheckpoint: (db, userId) => selectLatestCheckpoint(db, source, userId),
};

/** Everything but `acknowledged` (and the server's `updatedAt`) is the server's to decide. */
function withoutClientChange({ acknowledged: _a, updatedAt: _u, ...rest }: InsightDoc) {
  return rest;
}

/**
 * Insights are computed by the server; acknowledging (or un-acknowledging) is the client's only
 * write. A row that changes anything else relative to the state the client started from is
 * refused as a whole (403), never half-applied.
 */
export const insightsWriter: CollectionWriter<InsightDoc> = {
  clientFields: INSIGHT_CLIENT_FIELDS,

  checkDocuments() {},

  async readMasters(ctx, docs) {
    const res = await ctx.db.query<DbInsight>(
      `SELECT id AS doc_id, payload, acknowledged, position, updated_at, deleted
         FROM insights WHERE user_id = $1 AND id = ANY($2::text[])`,
      [ctx.userId, docs.map((d) => d.id)],
    );
    return new Map(res.rows.map((r) => [r.doc_id, toDoc(ctx, r)]));
  },

  async write(ctx, rows) {
    for (const { master, assumed, next } of rows) {
      if (!master)
        throw new AppError('forbidden', `Insight ${next.id}: insights are created by the server`);
      const base = assumed ?? master;
      if (!jsonEqual(withoutClientChange(base), withoutClientChange(next))) {
        throw new AppError('forbidden', `Insight ${next.id}: only acknowledged can change`);
      }
    }
    const first = await allocatePositions(ctx.db, ctx.userId, rows.length);
    await ctx.db.query(
      `UPDATE insights i SET acknowledged = t.acknowledged, position = t.position, updated_at = now()
         FROM unnest($2::text[], $3::boolean[], $4::bigint[]) AS t(id, acknowledged, position)
        WHERE i.user_id = $1 AND i.id = t.id`,
      [
        ctx.userId,
        rows.map((r) => r.next.id),
        rows.map((r) => r.next.acknowledged),
        rows.map((_, i) => first + i),
      ],
    );
    return ['insights'];
  },
};
