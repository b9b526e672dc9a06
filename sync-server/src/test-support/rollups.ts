import { summaryToAggregate } from '@hearth/core';
import { HEALTH_DATA_TYPES, type HealthAggregate } from '@hearth/schema';
import type { FastifyInstance } from 'fastify';
import { openSummary } from '../rollups/rollup-codec.js';
import { findRollups } from '../rollups/rollups.repository.js';

/** Every live rollup of the user, decrypted, in computeRollups' order (type, period, start). */
export async function storedAggregates(
  app: FastifyInstance,
  userId: string,
): Promise<HealthAggregate[]> {
  const dataKey = await app.keyring.getUserKey(app.pool, userId);
  const rows = await findRollups(app.pool, userId, {
    types: HEALTH_DATA_TYPES,
    periods: ['hour', 'day', 'week', 'month'],
    fromDate: '1970-01-01',
    toDate: '9999-12-31',
  });
  const typeOrder = new Map(HEALTH_DATA_TYPES.map((t, i) => [t, i]));
  const periodOrder = new Map(['hour', 'day', 'week', 'month'].map((p, i) => [p, i]));
  return rows
    .sort(
      (a, b) =>
        (typeOrder.get(a.type) ?? 0) - (typeOrder.get(b.type) ?? 0) ||
        (periodOrder.get(a.period) ?? 0) - (periodOrder.get(b.period) ?? 0) ||
        a.startMs - b.startMs,
    )
    .map((row) =>
      summaryToAggregate(
        row.type,
        row.period,
        row.localStart,
        openSummary(dataKey, userId, row, row.summary),
      ),
    );
}
