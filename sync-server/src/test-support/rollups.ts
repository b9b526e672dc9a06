import { summaryToAggregate } from '@hearth/core';
import {
  HEALTH_DATA_TYPES,
  type HealthAggregate,
  type HealthDataType,
  type LocalDate,
} from '@hearth/schema';
import type { FastifyInstance } from 'fastify';
import { computeHourBuckets, findRollupSettings } from '../rollups/hour-rollups.js';
import { openSummary } from '../rollups/rollup-codec.js';
import { findRollups } from '../rollups/rollups.repository.js';

/**
 * Every live rollup of the user, decrypted, in computeRollups' order (type, period, start): the
 * stored days, weeks and months, and the hours of those days as the server computes them when
 * read (they are not stored), so a comparison with core covers both.
 */
export async function storedAggregates(
  app: FastifyInstance,
  userId: string,
): Promise<HealthAggregate[]> {
  const dataKey = await app.keyring.getUserKey(app.pool, userId);
  const rows = await findRollups(app.pool, userId, {
    types: HEALTH_DATA_TYPES,
    periods: ['day', 'week', 'month'],
    fromDate: '1970-01-01',
    toDate: '9999-12-31',
  });
  const stored = rows.map((row) => ({
    type: row.type,
    period: row.period,
    startMs: row.startMs,
    aggregate: summaryToAggregate(
      row.type,
      row.period,
      row.localStart,
      openSummary(dataKey, userId, row, row.summary),
    ),
  }));
  const days = new Map<HealthDataType, LocalDate[]>();
  for (const row of rows) {
    if (row.period === 'day') days.set(row.type, [...(days.get(row.type) ?? []), row.localDate]);
  }
  const settings = await findRollupSettings(app.pool, userId, dataKey);
  for (const [type, dates] of days) {
    if (!settings) break;
    const buckets = await computeHourBuckets(app.pool, dataKey, userId, settings, [type], dates);
    for (const b of buckets.get(type) ?? []) {
      stored.push({
        type,
        period: 'hour',
        startMs: b.startMs,
        aggregate: summaryToAggregate(type, 'hour', b.periodStart, b.summary),
      });
    }
  }
  const typeOrder = new Map(HEALTH_DATA_TYPES.map((t, i) => [t, i]));
  const periodOrder = new Map(['hour', 'day', 'week', 'month'].map((p, i) => [p, i]));
  return stored
    .sort(
      (a, b) =>
        (typeOrder.get(a.type) ?? 0) - (typeOrder.get(b.type) ?? 0) ||
        (periodOrder.get(a.period) ?? 0) - (periodOrder.get(b.period) ?? 0) ||
        a.startMs - b.startMs,
    )
    .map((r) => r.aggregate);
}
