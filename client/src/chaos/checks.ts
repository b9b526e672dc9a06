import { computeRollups, seriesToSamples } from '@hearth/core';
import {
  REPLICATED_DOC_SCHEMAS,
  pullResponseSchema,
  type ReplicatedCollection,
  type ReplicatedDoc,
  type ReplicationCheckpoint,
  type RollupDoc,
  type SeriesDoc,
} from '@hearth/schema';
import { sampleKey } from './devices.js';
import type { BrowserPage } from '../sync/test-support/realServer.js';

const PULL_PAGE = 1000;

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
  acknowledged: ReadonlyMap<string, number>;
  unacknowledged: ReadonlyMap<string, number>;
}

export interface SampleCheck {
  /** Acknowledged samples the server does not hold, or holds with another value. */
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
  const stored = new Map<string, number[]>();
  for (const doc of series) {
    if (doc._deleted) continue;
    for (const [start, end, value] of doc.points) {
      const key = sampleKey(doc.deviceId, doc.type, start, end);
      stored.set(key, [...(stored.get(key) ?? []), value]);
    }
  }
  const check: SampleCheck = { lost: [], doubled: [], phantom: [] };
  for (const ledger of ledgers) {
    for (const [key, value] of ledger.acknowledged) {
      const values = stored.get(key);
      if (!values?.includes(value))
        check.lost.push(`${key}=${value} stored as ${values ?? 'nothing'}`);
    }
  }
  for (const [key, values] of stored) {
    for (const extra of values.slice(1)) check.doubled.push(`${key}=${extra}`);
    const sent = ledgers.some((l) => l.acknowledged.has(key) || l.unacknowledged.has(key));
    if (!sent) check.phantom.push(key);
  }
  return check;
}

type ComparableSeries = Pick<SeriesDoc, 'id' | 'points' | '_deleted'>;
type ComparableRollup = Pick<
  RollupDoc,
  'id' | 'value' | 'minValue' | 'maxValue' | 'sampleCount' | '_deleted'
>;

const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

export function comparableSeries(docs: readonly SeriesDoc[]): ComparableSeries[] {
  return docs.map(({ id, points, _deleted }) => ({ id, points, _deleted })).sort(byId);
}

export function comparableRollups(docs: readonly RollupDoc[]): ComparableRollup[] {
  return docs
    .map(({ id, value, minValue, maxValue, sampleCount, _deleted }) => {
      const rollup: ComparableRollup = { id, value, sampleCount, _deleted };
      if (minValue !== undefined) rollup.minValue = minValue;
      if (maxValue !== undefined) rollup.maxValue = maxValue;
      return rollup;
    })
    .sort(byId);
}

/**
 * Day, week and month rollups as the client computes them from its replica's series with core's
 * `computeRollups` (every device listed nowhere in a priority: the run's devices never overlap in
 * time, so no priority can change a total), in the rollup documents' shape.
 */
export function clientRollups(series: readonly SeriesDoc[], timeZone: string): ComparableRollup[] {
  const samples = series.filter((doc) => !doc._deleted).flatMap(seriesToSamples);
  const aggregates = computeRollups(samples, { timeZone, priority: [] });
  return comparableRollups(
    aggregates
      .filter((aggregate) => aggregate.period !== 'hour')
      .map((aggregate) => ({
        ...aggregate,
        id: `${aggregate.type}|${aggregate.period}|${aggregate.periodStart}`,
        startMs: 0,
        updatedAt: '',
        _deleted: false,
      })),
  );
}

/** Rollups equal but for the last bits of a mean merged in another order. */
export function sameRollups(
  a: readonly ComparableRollup[],
  b: readonly ComparableRollup[],
): boolean {
  const close = (x: number | undefined, y: number | undefined) =>
    x === y ||
    (x !== undefined && y !== undefined && Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x)));
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!;
      return (
        x.id === y.id &&
        x.sampleCount === y.sampleCount &&
        x._deleted === y._deleted &&
        close(x.value, y.value) &&
        close(x.minValue, y.minValue) &&
        close(x.maxValue, y.maxValue)
      );
    })
  );
}

/** Where two id-sorted lists of documents first differ, in words (for a failure message). */
export function firstDifference<T extends { id: string }>(
  expected: readonly T[],
  actual: readonly T[],
): string | null {
  const theirs = new Map(actual.map((doc) => [doc.id, JSON.stringify(doc)]));
  for (const doc of expected) {
    const other = theirs.get(doc.id);
    if (other === undefined) return `${doc.id} missing (${actual.length} of ${expected.length})`;
    if (other !== JSON.stringify(doc))
      return `${doc.id}: ${other.slice(0, 200)} instead of ${JSON.stringify(doc).slice(0, 200)}`;
  }
  return actual.length === expected.length
    ? null
    : `${actual.length - expected.length} extra documents`;
}
