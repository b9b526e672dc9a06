import { localDatesBetween, summaryToAggregate } from '@hearth/core';
import type { AggregatesResponse, HealthDataType, LocalDate } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import { computeHourBuckets, findRollupSettings } from '../rollups/hour-rollups.js';

/**
 * The hour aggregates of `types` over the local dates [startDate, endDate], computed from the
 * stored series (hours are not stored: rollups/hour-rollups.ts). Each list is in start order,
 * as the stored rows were read.
 */
export async function computeHourAggregates(
  db: Queryable,
  dataKey: Buffer,
  userId: string,
  types: readonly HealthDataType[],
  startDate: LocalDate,
  endDate: LocalDate,
): Promise<AggregatesResponse> {
  const result: AggregatesResponse = {};
  for (const type of types) result[type] = [];
  const settings = await findRollupSettings(db, userId, dataKey);
  if (!settings) return result;
  const days = localDatesBetween(startDate, endDate);
  const buckets = await computeHourBuckets(
    db,
    dataKey,
    userId,
    settings,
    [...new Set(types)],
    days,
  );
  for (const [type, list] of buckets) {
    result[type] = list.map((b) => summaryToAggregate(type, 'hour', b.periodStart, b.summary));
  }
  return result;
}
