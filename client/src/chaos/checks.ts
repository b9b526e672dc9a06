import { computeRollups, samePoint, seriesToSamples } from '@hearth/core';
import {
  REPLICATED_DOC_SCHEMAS,
  pullResponseSchema,
  type HealthAggregate,
  type ReplicatedCollection,
  type ReplicatedDoc,
  type ReplicationCheckpoint,
  type RollupDoc,
  type SeriesDoc,
  type SeriesPoint,
} from '@hearth/schema';
import { isDeepStrictEqual } from 'node:util';
import { sampleKey } from './devices.js';
import type { BrowserPage } from '../sync/test-support/realServer.js';

const PULL_PAGE = 1000;

const show = (value: unknown) => JSON.stringify(value)?.slice(0, 120) ?? 'nothing';

/** Every document of a collection, as the server's pull pages them. */
export async function pullAll<C extends ReplicatedCollection>(
  page: BrowserPage,
  collection: C,
): Promise<ReplicatedDoc<C>[]> {
  const parser = pullResponseSchema(REPLICATED_DOC_SCHEMAS[collection]);
  const documents: ReplicatedDoc<C>[] = [];
  let checkpoint: ReplicationCheckpoint | null = null;
  for (;;) {
    const query = new URLSearchParams({ limit: String(PULL_PAGE) });
    if (checkpoint) query.set('position', String(checkpoint.position));
    if (checkpoint) query.set('id', checkpoint.id);
    const response = await page.fetch(`/api/v1/replication/${collection}/pull?${query}`);
    if (!response.ok) throw new Error(`pull answered ${response.status}`);
    const result = parser.parse(await response.json());
    documents.push(...(result.documents as ReplicatedDoc<C>[]));
    checkpoint = result.checkpoint;
    if (result.documents.length < PULL_PAGE) return documents;
  }
}

export interface Ledger {
  /** Sample key → the point the server must hold. */
  acknowledged: ReadonlyMap<string, SeriesPoint>;
  unacknowledged: ReadonlyMap<string, SeriesPoint>;
}

export interface SampleCheck {
  /** Acknowledged samples the server does not hold, or holds with another value or stage. */
  lost: string[];
  /** Extra copies of a sample (the same device, type, start and end more than once). */
  doubled: string[];
  /** Samples the server holds that no device ever sent. */
  phantom: string[];
}

/** The server's series of one account against what its devices were told. */
export function checkSamples(
  series: readonly SeriesDoc[],
  ledgers: readonly Ledger[],
): SampleCheck {
  const stored = new Map<string, SeriesPoint[]>();
  for (const doc of series) {
    if (doc._deleted) continue;
    for (const point of doc.points) {
      const key = sampleKey(doc.deviceId, doc.type, point[0], point[1]);
      stored.set(key, [...(stored.get(key) ?? []), point]);
    }
  }
  const check: SampleCheck = { lost: [], doubled: [], phantom: [] };
  for (const ledger of ledgers) {
    for (const [key, point] of ledger.acknowledged) {
      const points = stored.get(key) ?? [];
      if (!points.some((p) => samePoint(p, point)))
        check.lost.push(`${key}: ${show(point)} stored as ${show(points)}`);
    }
  }
  for (const [key, points] of stored) {
    for (const extra of points.slice(1)) check.doubled.push(`${key}: ${show(extra)}`);
    const sent = ledgers.some((l) => l.acknowledged.has(key) || l.unacknowledged.has(key));
    if (!sent) check.phantom.push(key);
  }
  return check;
}

/** A replicated document as a replica's RxDB holds it: live ones only, without `_deleted`. */
type Local<T> = Omit<T, '_deleted'>;

/** The server's live documents in the replica's shape, to compare with a replica's. */
export function liveDocuments<T extends { _deleted: boolean }>(docs: readonly T[]): Local<T>[] {
  return docs.filter((doc) => !doc._deleted).map(({ _deleted, ...doc }) => doc);
}

/**
 * Every difference between the server's documents and a replica's, field by field (numbers
 * bit for bit: `isDeepStrictEqual` compares them with Object.is), in words; empty when equal.
 */
export function documentDifferences<T extends { id: string }>(
  server: readonly T[],
  replica: readonly T[],
): string[] {
  const theirs = new Map(replica.map((doc) => [doc.id, doc]));
  const differences: string[] = [];
  for (const doc of server) {
    const other = theirs.get(doc.id);
    theirs.delete(doc.id);
    if (!other) {
      differences.push(`${doc.id} missing`);
      continue;
    }
    const fields = new Set([...Object.keys(doc), ...Object.keys(other)]) as Set<keyof T>;
    for (const field of fields) {
      if (!isDeepStrictEqual(doc[field], other[field])) {
        differences.push(
          `${doc.id}.${String(field)}: ${show(other[field])} instead of ${show(doc[field])}`,
        );
      }
    }
  }
  for (const id of theirs.keys()) differences.push(`${id} extra`);
  return differences;
}

/** A rollup's figures, keyed as the rollup documents are. */
type Figures = Pick<
  RollupDoc,
  'id' | 'type' | 'period' | 'periodStart' | 'value' | 'minValue' | 'maxValue' | 'sampleCount'
>;

function figures(aggregate: HealthAggregate): Figures {
  const { type, period, periodStart, value, minValue, maxValue, sampleCount } = aggregate;
  const figure: Figures = {
    id: `${type}|${period}|${periodStart}`,
    type,
    period,
    periodStart,
    value,
    sampleCount,
  };
  if (minValue !== undefined) figure.minValue = minValue;
  if (maxValue !== undefined) figure.maxValue = maxValue;
  return figure;
}

/** The server's live rollups, their figures only (not when or in which order they were written). */
export function serverRollupFigures(docs: readonly RollupDoc[]): Figures[] {
  return docs.filter((doc) => !doc._deleted).map(figures);
}

/**
 * Day, week and month rollups as the client computes them from its replica's series with core's
 * `computeRollups` (every device listed nowhere in a priority: the run's devices never overlap in
 * time, so no priority can change a total).
 */
export function clientRollupFigures(
  series: readonly Local<SeriesDoc>[],
  timeZone: string,
): Figures[] {
  const samples = series.flatMap((doc) => seriesToSamples(doc));
  return computeRollups(samples, { timeZone, priority: [] })
    .filter((aggregate) => aggregate.period !== 'hour')
    .map(figures);
}
