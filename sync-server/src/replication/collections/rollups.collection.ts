import { summaryToAggregate } from '@hearth/core';
import type { AggregationPeriod, HealthDataType, RollupDoc } from '@hearth/schema';
import { openSummary } from '../../rollups/rollup-codec.js';
import { selectChanges, selectLatestCheckpoint, type ChangeSource } from './changes-query.js';
import type { CollectionReader } from './types.js';

/**
 * Day, week and month rollups only: the device computes hours from its series, and the server
 * no longer stores any (migration 330; rollups/hour-rollups.ts computes them when read). The
 * filter stays part of the SQL (and of the partial index in migration 050), so pages stay full
 * (SPEC R2).
 */
const source: ChangeSource = {
  table: 'rollups',
  idSql: `type || '|' || period || '|' || local_start`,
  filterSql: `period <> 'hour'`,
  columns: `type, period, (extract(epoch FROM period_start) * 1000)::bigint AS start_ms,
    local_start, summary`,
};

interface RollupRow {
  type: HealthDataType;
  period: AggregationPeriod;
  start_ms: number;
  local_start: string;
  summary: Buffer;
}

export const rollupsReader: CollectionReader<RollupDoc> = {
  async changesAfter(ctx, after, limit) {
    const rows = await selectChanges<RollupRow>(ctx.db, source, ctx.userId, after, limit);
    return rows.map((r) => {
      const key = { type: r.type, period: r.period, startMs: r.start_ms };
      const summary = openSummary(ctx.dataKey, ctx.userId, key, r.summary);
      const aggregate = summaryToAggregate(r.type, r.period, r.local_start, summary);
      return {
        doc: {
          ...aggregate,
          id: r.doc_id,
          startMs: r.start_ms,
          updatedAt: r.updated_at.toISOString(),
          _deleted: r.deleted,
        },
        checkpoint: { position: r.position, id: r.doc_id },
      };
    });
  },
  latestCheckpoint: (db, userId) => selectLatestCheckpoint(db, source, userId),
};
