import type { PoolClient } from '../db/pool.js';
import { allocatePositions } from '../db/positions.js';
import { openJson } from '../crypto/envelope.js';
import { opaqueInsightId } from './insight-id.js';
import {
  insightAad,
  listLegacyInsights,
  sealInsight,
  upsertInsights,
  type InsightPayload,
  type InsightWrite,
} from './insights.repository.js';

/**
 * Moves the user's live insights that still have a readable id (`${kind}:${subject}:${date}`)
 * to their opaque id, in the caller's transaction (which holds the user's write lock): the same
 * insight, resealed under the new id, with its acknowledgement; the old row becomes a tombstone
 * so that replicas holding it drop it (SPEC R4: rows are never deleted while the account exists,
 * which is why the tombstone keeps its readable id). Returns whether anything was written.
 */
export async function convertLegacyInsights(
  client: PoolClient,
  userId: string,
  dataKey: Buffer,
): Promise<boolean> {
  const legacy = await listLegacyInsights(client, userId);
  if (legacy.length === 0) return false;
  const first = await allocatePositions(client, userId, legacy.length * 2);
  const writes: InsightWrite[] = legacy.flatMap((row, i) => {
    const payload = openJson(dataKey, row.payload, insightAad(userId, row.id)) as InsightPayload;
    const id = opaqueInsightId(dataKey, row.id);
    return [
      {
        id,
        payload: sealInsight(dataKey, userId, { ...payload, id }),
        acknowledged: row.acknowledged,
        position: first + 2 * i,
        deleted: false,
      },
      { id: row.id, payload: row.payload, position: first + 2 * i + 1, deleted: true },
    ];
  });
  await upsertInsights(client, userId, writes);
  return true;
}
