import {
  comparePoints,
  localDaysTouched,
  samePoint,
  seriesId,
  utcHourStart,
  validateSeriesPoints,
} from '@hearth/core';
import {
  SERIES_CLIENT_FIELDS,
  type HealthDataType,
  type SeriesDoc,
  type SeriesPoint,
} from '@hearth/schema';
import { AppError } from '../../errors.js';
import { allocatePositions } from '../../db/positions.js';
import { openSeriesPoints, sealSeriesPoints } from '../../series/series-codec.js';
import {
  loadRemoved,
  lockSeries,
  upsertSeries,
  type StoredSeries,
} from '../../series/series.repository.js';
import { nextRemoved, openRemoved, sealRemoved } from '../../series/removed-samples.js';
import { getTimeZone } from '../../settings/settings.repository.js';
import { enqueueRollupDays, type DirtyDay } from '../../rollups/rollup-queue.repository.js';
import { selectChanges, selectLatestCheckpoint, type ChangeSource } from './changes-query.js';
import { assertDevicesOwned } from './owned-devices.js';
import type {
  AcceptedWrite,
  CollectionReader,
  CollectionWriter,
  ReadContext,
  WriteContext,
} from './types.js';

const source: ChangeSource = {
  table: 'series',
  idSql: `device_id || '|' || type || '|' || ((extract(epoch FROM hour_start) * 1000)::bigint)::text`,
  columns: `device_id, type, (extract(epoch FROM hour_start) * 1000)::bigint AS hour_ms, payload`,
};

interface SeriesRow {
  device_id: string;
  type: HealthDataType;
  hour_ms: number;
  payload: Buffer;
}

function toDoc(
  ctx: ReadContext,
  key: { deviceId: string; type: HealthDataType; hourStart: number },
  payload: Buffer,
  updatedAt: string,
  deleted: boolean,
): SeriesDoc {
  return {
    id: seriesId(key.deviceId, key.type, key.hourStart),
    deviceId: key.deviceId,
    type: key.type,
    hourStart: key.hourStart,
    points: openSeriesPoints(ctx.dataKey, ctx.userId, key, payload),
    updatedAt,
    _deleted: deleted,
  };
}

export const seriesReader: CollectionReader<SeriesDoc> = {
  async changesAfter(ctx, after, limit) {
    const rows = await selectChanges<SeriesRow>(ctx.db, source, ctx.userId, after, limit);
    return rows.map((r) => ({
      doc: toDoc(
        ctx,
        { deviceId: r.device_id, type: r.type, hourStart: r.hour_ms },
        r.payload,
        r.updated_at.toISOString(),
        r.deleted,
      ),
      checkpoint: { position: r.position, id: r.doc_id },
    }));
  },
  latestCheckpoint: (db, userId) => selectLatestCheckpoint(db, source, userId),
};

function livePoints(doc: SeriesDoc | null): readonly SeriesPoint[] {
  // A tombstone contributes no points: removing a series changes the days its points were in.
  return doc && !doc._deleted ? doc.points : [];
}

/**
 * The points of `before` and `after` (each sorted by (start, end), unique) that are not on both
 * sides with the same value and stage: a stage corrected alone changes the sleep rollups.
 */
function changedPoints(
  before: readonly SeriesPoint[],
  after: readonly SeriesPoint[],
): SeriesPoint[] {
  const changed: SeriesPoint[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const a = before[i];
    const b = after[j];
    const order = a === undefined ? 1 : b === undefined ? -1 : comparePoints(a, b);
    if (order < 0) {
      changed.push(a!);
      i++;
    } else if (order > 0) {
      changed.push(b!);
      j++;
    } else {
      if (!samePoint(a!, b!)) changed.push(a!, b!);
      i++;
      j++;
    }
  }
  return changed;
}

/**
 * The (type, local day)s whose rollups the change from `master` to `next` can move: the days
 * touched by the points added, removed or changed (rollups depend only on the set of samples, so
 * a point present on both sides changes nothing; re-pushing an hour with one new point costs one
 * point).
 */
export function touchedDays(
  rows: readonly AcceptedWrite<SeriesDoc>[],
  timeZone: string,
): DirtyDay[] {
  const days: DirtyDay[] = [];
  for (const { master, next } of rows) {
    for (const [start, end] of changedPoints(livePoints(master), livePoints(next))) {
      for (const localDay of localDaysTouched(next.type, start, end, timeZone)) {
        days.push({ type: next.type, localDay });
      }
    }
  }
  return days;
}

function checkPoints(doc: SeriesDoc, now: number): void {
  // A tombstone's points are kept only so the client's state reads back unchanged; they never
  // reach a rollup, and rules tightened since they were recorded must not wedge a deletion.
  if (doc._deleted) return;
  const result = validateSeriesPoints(doc.type, doc.points, { hourStart: doc.hourStart, now });
  if (!result.ok) {
    throw new AppError('invalid-request', `Series ${doc.id}: ${result.error.message}`, {
      id: doc.id,
      index: result.index,
      code: result.error.code,
    });
  }
}

function storedToDoc(ctx: ReadContext, row: StoredSeries): SeriesDoc {
  return toDoc(ctx, row, row.payload, row.updatedAt, row.deleted);
}

export const seriesWriter: CollectionWriter<SeriesDoc> = {
  clientFields: SERIES_CLIENT_FIELDS,

  checkDocuments(docs) {
    for (const doc of docs) {
      if (utcHourStart(doc.hourStart) !== doc.hourStart) {
        throw new AppError('invalid-request', `Series ${doc.id}: hourStart is not a UTC hour`);
      }
      if (doc.id !== seriesId(doc.deviceId, doc.type, doc.hourStart)) {
        throw new AppError('invalid-request', `Series ${doc.id}: id does not match its fields`);
      }
    }
  },

  async readMasters(ctx, docs) {
    const stored = await lockSeries(ctx.db, ctx.userId, docs);
    return new Map(
      stored.map((row) => {
        const doc = storedToDoc(ctx, row);
        return [doc.id, doc];
      }),
    );
  },

  async write(ctx: WriteContext, rows) {
    await assertDevicesOwned(
      ctx.db,
      ctx.userId,
      rows.map((r) => r.next.deviceId),
    );
    for (const { next } of rows) checkPoints(next, ctx.now);
    const removed = await loadRemoved(
      ctx.db,
      ctx.userId,
      rows.map((r) => r.next),
    );
    const first = await allocatePositions(ctx.db, ctx.userId, rows.length);
    await upsertSeries(
      ctx.db,
      ctx.userId,
      rows.map(({ master, next }, i) => ({
        deviceId: next.deviceId,
        type: next.type,
        hourStart: next.hourStart,
        payload: sealSeriesPoints(ctx.dataKey, ctx.userId, next, next.points),
        pointCount: next.points.length,
        position: first + i,
        deleted: next._deleted,
        // Points this write drops are samples the person deleted (removed-samples.ts, §14).
        removed: sealRemoved(
          ctx.dataKey,
          ctx.userId,
          next,
          nextRemoved(
            openRemoved(ctx.dataKey, ctx.userId, next, removed.get(next.id) ?? null),
            livePoints(master),
            livePoints(next),
          ),
        ),
      })),
    );
    const timeZone = (await getTimeZone(ctx.db, ctx.userId)) ?? 'UTC';
    await enqueueRollupDays(ctx.db, ctx.userId, touchedDays(rows, timeZone));
    return ['series'];
  },
};
