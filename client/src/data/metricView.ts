import { nextBucketStart, resolveSourcePriority } from '@hearth/core';
import type { AggregationPeriod, HealthDataType } from '@hearth/schema';
import {
  asyncScheduler,
  combineLatest,
  filter,
  map,
  merge,
  Observable,
  of,
  switchMap,
  throttleTime,
} from 'rxjs';
import {
  type DeviceRow,
  type HearthDatabase,
  type RollupRow,
  type SeriesRow,
  type SettingsRow,
} from '../db/types.js';
import type { Replica } from '../sync/replica.js';
import {
  bucketIsStale,
  composeBuckets,
  rangeNeedsDevice,
  type StaleContext,
} from './bucketView.js';
import { computeDeviceBuckets, seriesWindow, type MetricBucket } from './deviceBuckets.js';
import { settings$ } from './documents.js';
import { knownDevices$ } from './removedSources.js';
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
  /** Local series were read (always for hours; otherwise when some bucket was stale). */
  usedDevice: boolean;
  /** Some buckets include changes from this device that the server has not processed yet. */
  includesLocalChanges: boolean;
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
 * Until the server's rollups include a time zone or priority changed on this device (the
 * watermark passed its upload, `pruneLocalChanges`), they are for the old settings.
 */
function settingsStale(context: MetricViewContext): boolean {
  return context.changes.settingsChangedAt !== null;
}

/** The buckets of a screen: replicated rollups, with stale ones computed on the device. */
export async function loadMetricView(
  db: HearthDatabase,
  query: MetricViewQuery,
  context: MetricViewContext,
): Promise<MetricView> {
  const rollups = await loadRollups(db, query);
  const timeZone = context.settings.timeZone;
  const stale: StaleContext = {
    period: query.period,
    timeZone,
    changes: context.changes,
    settingsStale: settingsStale(context),
  };
  let device: MetricBucket[] | null = null;
  if (rangeNeedsDevice(query.types, query.fromMs, query.toMs, stale)) {
    const series = await loadSeries(db, query.types, query.fromMs, query.toMs);
    device = computeDeviceBuckets(series, { ...query, timeZone, priority: context.priority });
  }
  const endOf = (startMs: number) => nextBucketStart(query.period, startMs, timeZone);
  const buckets = composeBuckets(rollups, device, endOf, stale);
  if (query.period === 'hour') {
    // Hours are always computed here; flag only those of days with unprocessed local changes.
    const asDays = { ...stale, period: 'day' as const };
    for (const b of buckets)
      b.computedOnDevice = bucketIsStale(b.type, b.startMs, endOf(b.startMs), asDays);
  }
  return {
    buckets,
    usedDevice: device !== null,
    includesLocalChanges: buckets.some((b) => b.computedOnDevice),
  };
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
    knownDevices$(replica.db),
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
 * Runs `load` on every trigger, but never two at once and never cancelling one: triggers that
 * arrive while a load runs coalesce into one more run after it. (Cancelling the running load
 * instead would starve the view while a sync keeps changing documents.)
 */
export function coalescedLoads<T>(
  trigger$: Observable<unknown>,
  load: () => Promise<T>,
): Observable<T> {
  return new Observable<T>((subscriber) => {
    let running = false;
    let again = false;
    let closed = false;
    const run = () => {
      running = true;
      again = false;
      load()
        .then(
          (value) => !closed && subscriber.next(value),
          (error: unknown) => !closed && subscriber.error(error),
        )
        .finally(() => {
          running = false;
          if (again && !closed) run();
        });
    };
    const subscription = trigger$.subscribe(() => (running ? (again = true) : run()));
    return () => {
      closed = true;
      subscription.unsubscribe();
    };
  });
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
    // RxDB types an event's document as `any`; `touches` checks every field it reads.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-argument
    filter((bulk) => bulk.events.some((e) => touches(e.documentData, query))),
  );
  return context$.pipe(
    switchMap((context) =>
      coalescedLoads(
        merge(of(null), changed$).pipe(
          throttleTime(250, asyncScheduler, { leading: true, trailing: true }),
        ),
        () => loadMetricView(db, query, context),
      ),
    ),
  );
}
