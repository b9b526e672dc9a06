import { addLocalDays, computeInsights, summaryToAggregate } from '@hearth/core';
import { HEALTH_DATA_TYPES, type Goals, type HealthInsight, type LocalDate } from '@hearth/schema';
import { AppError } from '../errors.js';
import { withTransaction, type Pool, type PoolClient } from '../db/pool.js';
import { allocatePositions } from '../db/positions.js';
import type { Keyring } from '../crypto/keyring.js';
import { publishChange } from '../notify.js';
import { openSummary } from '../rollups/rollup-codec.js';
import { findRollups } from '../rollups/rollups.repository.js';
import { opaqueInsightId } from './insight-id.js';
import { convertLegacyInsights } from './legacy-insights.js';
import {
  acknowledgeInsight,
  listInsights,
  openInsight,
  sealInsight,
  upsertInsights,
  type InsightWrite,
} from './insights.repository.js';

/** Trends compare the last 7 days with the 28 before; streaks look back further. */
export const INSIGHT_WINDOW_DAYS = 60;

export interface InsightContext {
  client: PoolClient;
  userId: string;
  dataKey: Buffer;
  goals: Goals;
  today: LocalDate;
}

async function recentDayAggregates(ctx: InsightContext) {
  const rows = await findRollups(ctx.client, ctx.userId, {
    types: HEALTH_DATA_TYPES,
    periods: ['day'],
    fromDate: addLocalDays(ctx.today, -(INSIGHT_WINDOW_DAYS - 1)),
    toDate: ctx.today,
  });
  return rows.map((row) =>
    summaryToAggregate(
      row.type,
      'day',
      row.localStart,
      openSummary(ctx.dataKey, ctx.userId, row, row.summary),
    ),
  );
}

const comparable = ({ acknowledged: _ack, ...rest }: HealthInsight) => JSON.stringify(rest);

/**
 * Regenerates the user's insights from the stored day rollups (call after writing them).
 * New or changed insights are written, ones no longer produced are tombstoned, unchanged ones are
 * left alone; an acknowledged insight stays acknowledged. Returns whether anything was written.
 */
export async function refreshInsights(ctx: InsightContext): Promise<boolean> {
  // First, so that an acknowledged insight from before opaque ids stays acknowledged.
  const converted = await convertLegacyInsights(ctx.client, ctx.userId, ctx.dataKey);
  const computed = computeInsights({
    dayRollups: await recentDayAggregates(ctx),
    goals: ctx.goals,
    today: ctx.today,
  });
  // Stored and replicated under opaque ids: the readable stable id never leaves this function.
  const fresh = computed.map((i) => ({ ...i, id: opaqueInsightId(ctx.dataKey, i.id) }));
  const stored = await listInsights(ctx.client, ctx.userId);
  const storedById = new Map(stored.map((row) => [row.id, row]));
  const freshIds = new Set(fresh.map((i) => i.id));
  const changed = fresh.filter((insight) => {
    const row = storedById.get(insight.id);
    return !row || comparable(openInsight(ctx.dataKey, ctx.userId, row)) !== comparable(insight);
  });
  const vanished = stored.filter((row) => !freshIds.has(row.id));
  const n = changed.length + vanished.length;
  if (n === 0) return converted;
  const first = await allocatePositions(ctx.client, ctx.userId, n);
  const writes: InsightWrite[] = [
    ...changed.map(({ acknowledged: _ack, ...payload }, i) => ({
      id: payload.id,
      payload: sealInsight(ctx.dataKey, ctx.userId, payload),
      position: first + i,
      deleted: false,
    })),
    ...vanished.map((row, i) => ({
      id: row.id,
      payload: row.payload,
      position: first + changed.length + i,
      deleted: true,
    })),
  ];
  await upsertInsights(ctx.client, ctx.userId, writes);
  return true;
}

export async function getInsights(
  pool: Pool,
  keyring: Keyring,
  userId: string,
): Promise<HealthInsight[]> {
  const dataKey = await keyring.getUserKey(pool, userId);
  const rows = await listInsights(pool, userId);
  // Newest date first; the dates are sealed, so the order is decided after opening them.
  return rows
    .map((row) => openInsight(dataKey, userId, row))
    .sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? 1 : -1));
}

export async function acknowledge(
  pool: Pool,
  keyring: Keyring,
  userId: string,
  insightId: string,
): Promise<HealthInsight> {
  return withTransaction(pool, async (client) => {
    const position = await allocatePositions(client, userId, 1);
    const row = await acknowledgeInsight(client, userId, insightId, position);
    if (!row) throw new AppError('not-found', 'No such insight');
    await publishChange(client, userId, ['insights']);
    return openInsight(await keyring.getUserKey(client, userId), userId, row);
  });
}
