import { FRESHNESS_DOC_ID, type FreshnessDoc } from '@hearth/schema';
import { rolledUpPosition } from '../../rollups/rollup-watermark.repository.js';
import type { CollectionReader } from './types.js';

/**
 * One computed document per user: the rollup watermark (SPEC R15). It has no row: its checkpoint
 * position is the watermark itself, which only grows, so "changed after a checkpoint" is "the
 * watermark passed it" and a pull or the stream hands it out exactly when it moved (R1, R8).
 */
export const freshnessReader: CollectionReader<FreshnessDoc> = {
  async changesAfter(ctx, after) {
    const rolledUpTo = await rolledUpPosition(ctx.db, ctx.userId);
    if (after && rolledUpTo <= after.position) return [];
    return [
      {
        doc: { id: FRESHNESS_DOC_ID, rolledUpTo, _deleted: false },
        checkpoint: { position: rolledUpTo, id: FRESHNESS_DOC_ID },
      },
    ];
  },
  async latestCheckpoint(db, userId) {
    return { position: await rolledUpPosition(db, userId), id: FRESHNESS_DOC_ID };
  },
};
