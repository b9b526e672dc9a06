import {
  formatInstant,
  nextBucketStart,
  sleepStageOfCode,
  summaryToAggregate,
  type RollupSummary,
} from '@hearth/core';
import type { AggregationPeriod, HealthDataType, LocalDate, SleepStage } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import {
  findRollupSettings,
  hourBucketSlices,
  type RollupSettings,
} from '../rollups/hour-rollups.js';
import { openSummary } from '../rollups/rollup-codec.js';
import { openSeriesPoints } from '../series/series-codec.js';
import { getTimeZone } from '../settings/settings.repository.js';
import { dayInterval } from '../sharing/export/shared-day.js';
import { deviceNames, rollupsPage, seriesPage, type RollupPageRow } from './export.repository.js';

/** One stored sample, as the person's export lists it. */
export interface SampleRecord {
  kind: 'sample';
  type: HealthDataType;
  deviceId: string;
  source: string;
  /** ISO 8601 with the offset in force in the person's zone. */
  start: string;
  end: string;
  value: number;
  stage: SleepStage | null;
}

/** One rollup (hour, day, week or month), with the interval it covers. */
export interface RollupRecord {
  kind: 'rollup';
  type: HealthDataType;
  period: AggregationPeriod;
  localDate: string;
  start: string;
  end: string;
  value: number;
  minValue: number | undefined;
  maxValue: number | undefined;
  sampleCount: number;
}

export type ExportRecord = SampleRecord | RollupRecord;

export interface ExportSource {
  db: Queryable;
  dataKey: Buffer;
  userId: string;
  /** Series or rollup rows read per query: what the export holds in memory at once. */
  pageSize: number;
}

const finite = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : undefined);

async function* samples(source: ExportSource, timeZone: string): AsyncGenerator<SampleRecord> {
  const names = await deviceNames(source.db, source.userId);
  let after = null;
  for (;;) {
    const page = await seriesPage(source.db, source.userId, after, source.pageSize);
    for (const row of page) {
      const points = openSeriesPoints(source.dataKey, source.userId, row, row.payload);
      for (const point of points) {
        yield {
          kind: 'sample',
          type: row.type,
          deviceId: row.deviceId,
          source: names.get(row.deviceId) ?? row.deviceId,
          start: formatInstant(point[0], timeZone),
          end: formatInstant(point[1], timeZone),
          value: point[2],
          stage: row.type === 'SLEEP_ANALYSIS' ? sleepStageOfCode(point[3]) : null,
        };
      }
    }
    if (page.length < source.pageSize) return;
    after = page[page.length - 1]!;
  }
}

function rollupRecord(
  row: Omit<RollupPageRow, 'summary'>,
  summary: RollupSummary,
  timeZone: string,
): RollupRecord {
  const aggregate = summaryToAggregate(row.type, row.period, row.localStart, summary);
  // A day is cut as the shared export cuts it (a sleep day is the night ending on it).
  const interval =
    row.period === 'day'
      ? dayInterval(row.type, row.localDate, timeZone)
      : {
          start: formatInstant(row.startMs, timeZone),
          end: formatInstant(nextBucketStart(row.period, row.startMs, timeZone), timeZone),
        };
  return {
    kind: 'rollup',
    type: row.type,
    period: row.period,
    localDate: row.localDate,
    ...interval,
    value: aggregate.value,
    minValue: finite(aggregate.minValue),
    maxValue: finite(aggregate.maxValue),
    sampleCount: aggregate.sampleCount,
  };
}

/** The hours of one type's days with data, computed from the series (they are not stored). */
async function* hours(
  source: ExportSource,
  settings: RollupSettings | null,
  type: HealthDataType,
  days: readonly LocalDate[],
): AsyncGenerator<RollupRecord> {
  if (!settings || days.length === 0) return;
  const { db, dataKey, userId } = source;
  for await (const slice of hourBucketSlices(db, dataKey, userId, settings, [type], days)) {
    for (const b of slice.get(type) ?? [])
      yield rollupRecord({ ...b, localStart: b.periodStart }, b.summary, settings.timeZone);
  }
}

/**
 * The stored rollups in key order (type, then period: day, hour, month, week), with each type's
 * hours computed where they would sort, from the dates of its day rows: a day row exists exactly
 * when one of its hours has data.
 */
async function* rollups(source: ExportSource, timeZone: string): AsyncGenerator<RollupRecord> {
  const settings = await findRollupSettings(source.db, source.userId, source.dataKey);
  let dayType: HealthDataType | null = null;
  let days: LocalDate[] = [];
  let after = null;
  for (;;) {
    const page = await rollupsPage(source.db, source.userId, after, source.pageSize);
    for (const row of page) {
      if (dayType && (row.type !== dayType || row.period !== 'day')) {
        yield* hours(source, settings, dayType, days);
        dayType = null;
        days = [];
      }
      if (row.period === 'day') {
        dayType = row.type;
        days.push(row.localDate);
      }
      const summary = openSummary(source.dataKey, source.userId, row, row.summary);
      yield rollupRecord(row, summary, timeZone);
    }
    if (page.length < source.pageSize) break;
    after = page[page.length - 1]!;
  }
  if (dayType) yield* hours(source, settings, dayType, days);
}

/**
 * Every live sample, then every live rollup of the account, decrypted a page at a time
 * (SPECIFICATION.md §14). Pages are read as they are consumed, so a slow download holds one
 * page and no database connection; a change made meanwhile shows in the pages read after it.
 */
export async function* accountRecords(source: ExportSource): AsyncGenerator<ExportRecord> {
  const timeZone = (await getTimeZone(source.db, source.userId)) ?? 'UTC';
  yield* samples(source, timeZone);
  yield* rollups(source, timeZone);
}
