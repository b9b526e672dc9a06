import { nextBucketStart, resolveSourcePriority } from '@hearth/core';
import type { AggregationPeriod, HealthDataType } from '@hearth/schema';
import {
  combineLatest,
  filter,
  from,
  map,
  merge,
  of,
  switchMap,
  throttleTime,
  asyncScheduler,
  type Observable,
} from 'rxjs';
import {
  isPending,
  type DeviceRow,
  type HearthDatabase,
  type RollupRow,
  type SeriesRow,
  type SettingsRow,
} from '../db/types.js';
import type { Replica } from '../sync/replica.js';
import { composeBuckets, rangeNeedsDevice, type StaleContext } from './bucketView.js';
import { computeDeviceBuckets, seriesWindow, type MetricBucket } from './deviceBuckets.js';
import { devices$, settings$ } from './documents.js';
import type { LocalChangesState } from './localChanges.js';

export type MetricViewQuery = {
  types: readonly HealthDataType[];
  period: AggregationPeriod;
  /** Bucket starts in [fromMs, toMs). */
  fromMs: number;
  toMs: number;
};

export type MetricViewContext = {
  settings: SettingsRow;
  priority: string[];
  changes: LocalChangesState;
};

export type MetricView = {
  buckets: MetricBucket[];
  /** Some buckets were computed here because the server has not caught up with this device. */
  usedDevice: boolean;
};

async function loadRollups(db: HearthDatabase, q: MetricViewQuery): Promise<RollupRow[]> {
  if (q.period === 'hour') return [];
  const perType = await Promise.all(
    q.types.map((type) =>
      db.rollups
        .find({
          selector: { period: q.period, type, startMs: { $gte: q.fromMs, $lt: q.toMs } },
          sort: [{ startMs: 'asc' }],
        })
        .exec(),
    ),
  );
  return perType.flat().map((doc) => doc.toJSON() as RollupRow);
}

export async function loadSeries(
  db: HearthDatabase,
  types: readonly HealthDataType[],
  fromMs: number,
  toMs: number,
): Promise<SeriesRow[]> {
  const { from: fromHour, to: toHour } = seriesWindow(fromMs, toMs);
  const perType = await Promise.all(
    types.map((type) =>
      db.series.find({ selector: { type, hourStart: { $gte: fromHour, $lt: toHour } } }).exec(),
    ),
  );
  return perType.flat().map((doc) => doc.toJSON() as SeriesRow);
}

/**
 * Until the server has recomputed with a time zone or priority changed on this device, its
 * rollups are for the old settings. Rollups written after the settings reached the server are
 * current; a change older than SETTINGS_CATCH_UP_MS is assumed fully applied.
 */
export const SETTINGS_CATCH_UP_MS = 10 * 60_000;
function settingsStale(context: MetricViewContext, rollups: readonly RollupRow[], now: number) {
  const changedAt = context.changes.settingsChangedAt;
  if (changedAt === null) return false;
  if (isPending(context.settings)) return true;
  if (now - changedAt > SETTINGS_CATCH_UP_MS) return false;
  const settingsAt = Date.parse(context.settings.updatedAt);
  return rollups.length === 0 || rollups.some((r) => Date.parse(r.updatedAt) < settingsAt);
}

/** The buckets of a screen: replicated rollups, with stale ones computed on the device. */
export async function loadMetricView(
  db: HearthDatabase,
  query: MetricViewQuery,
  context: MetricViewContext,
  now = Date.now(),
): Promise<MetricView> {
  const rollups = await loadRollups(db, query);
  const timeZone = context.settings.timeZone;
  const stale: StaleContext = {
    period: query.period,
    timeZone,
    changes: context.changes,
    settingsStale: settingsStale(context, rollups, now),
  };
  let device: MetricBucket[] | null = null;
  if (rangeNeedsDevice(query.types, query.fromMs, query.toMs, stale)) {
    const series = await loadSeries(db, query.types, query.fromMs, query.toMs);
    device = computeDeviceBuckets(series, { ...query, timeZone, priority: context.priority });
  }
  const endOf = (startMs: number) => nextBucketStart(query.period, startMs, timeZone);
  return { buckets: composeBuckets(rollups, device, endOf, stale), usedDevice: device !== null };
}

export function priorityOf(devices: readonly DeviceRow[], settings: SettingsRow): string[] {
  return resolveSourcePriority(devices, settings.sourcePriority);
}

/** Settings, resolved source priority and local changes, as they change. */
export function metricContext$(
  replica: Replica,
  fallback: SettingsRow,
): Observable<MetricViewContext> {
  return combineLatest([
    settings$(replica.db, fallback),
    devices$(replica.db),
    replica.localChanges.state$,
  ]).pipe(
    map(([settings, devices, changes]) => ({
      settings,
      priority: priorityOf(devices, settings),
      changes,
    })),
  );
}

function touches(
  doc: { type?: unknown; startMs?: unknown; hourStart?: unknown; period?: unknown },
  query: MetricViewQuery,
): boolean {
  if (!query.types.includes(doc.type as HealthDataType)) return false;
  if (typeof doc.startMs === 'number') {
    return doc.period === query.period && doc.startMs >= query.fromMs && doc.startMs < query.toMs;
  }
  if (typeof doc.hourStart !== 'number') return false;
  const window = seriesWindow(query.fromMs, query.toMs);
  return doc.hourStart >= window.from && doc.hourStart < window.to;
}

/**
 * A live view: recomputed when its rollups or (for device-computed buckets) its series change,
 * at most a few times a second while a sync pours documents in.
 */
export function metricView$(
  replica: Replica,
  query: MetricViewQuery,
  context$: Observable<MetricViewContext>,
): Observable<MetricView> {
  const { db } = replica;
  const changed$ = merge(db.rollups.eventBulks$, db.series.eventBulks$).pipe(
    filter((bulk) => bulk.events.some((e) => touches(e.documentData, query))),
  );
  return context$.pipe(
    switchMap((context) =>
      merge(of(null), changed$).pipe(
        throttleTime(250, asyncScheduler, { leading: true, trailing: true }),
        switchMap(() => from(loadMetricView(db, query, context))),
      ),
    ),
  );
}
