import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SLEEP_STAGES, type HealthDataType, type HealthSample } from '@hearth/schema';
import { bucketStart, nextBucketStart } from '../time/buckets.js';
import { isoWeekStartDate, monthStartDate } from '../time/civil.js';
import {
  computeBucketSummaries,
  computeRollups,
  mergeSummaryList,
  type BucketSummary,
} from './index.js';
import { compressCoordinates, cumulativeSampleOrder, ownedTimeBySample } from './ownership.js';
import { prepareSamples } from './samples-as-series.js';

const ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata'];
/** DST changes and a month end, so buckets of every odd length show up. */
const ANCHORS = [
  '2026-11-01T06:00:00Z',
  '2026-10-25T01:00:00Z',
  '2026-03-08T07:00:00Z',
  '2026-05-31T20:00:00Z',
].map(Date.parse);
const STEP = 5 * 60_000;
const SOURCES = ['watch', 'phone', 'band', 'a-manual', 'z-other'];

interface SampleSet {
  samples: HealthSample[];
  priority: string[];
  zone: string;
}

function sampleArbitrary(types: HealthDataType[], anchor: number, sources = SOURCES) {
  return fc
    .record({
      type: fc.constantFrom(...types),
      source: fc.constantFrom(...sources),
      start: fc.integer({ min: -36 * 12, max: 36 * 12 }),
      steps: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 8 * 12 })),
      value: fc.oneof(
        fc.integer({ min: 0, max: 500 }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
      ),
      id: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }),
      stage: fc.option(fc.constantFrom(...SLEEP_STAGES), { nil: undefined }),
    })
    .map(({ type, source, start, steps, value, id, stage }): HealthSample => {
      const from = anchor + start * STEP;
      return {
        ...(id === undefined ? {} : { id }),
        ...(stage === undefined || type !== 'SLEEP_ANALYSIS' ? {} : { sleepStage: stage }),
        type,
        value,
        unit: 'x',
        startDate: new Date(from).toISOString(),
        endDate: new Date(from + steps * STEP).toISOString(),
        sourceDevice: source,
      };
    });
}

/**
 * Within one source a sample is identified by (start, end), and a re-sent one replaces it (the
 * last received wins: received-order.test.ts). Sets here hold each identity once, so their
 * rollups must not depend on the order they are given in.
 */
const identity = (s: HealthSample) => `${s.sourceDevice}|${s.type}|${s.startDate}|${s.endDate}`;

function sampleSetArbitrary(types: HealthDataType[], maxLength = 25): fc.Arbitrary<SampleSet> {
  return fc.constantFrom(...ANCHORS).chain((anchor) =>
    fc.record({
      samples: fc.uniqueArray(sampleArbitrary(types, anchor), { maxLength, selector: identity }),
      priority: fc.shuffledSubarray(['watch', 'phone', 'band']),
      zone: fc.constantFrom(...ZONES),
    }),
  );
}

const ALL_KINDS: HealthDataType[] = ['STEPS', 'SLEEP_ANALYSIS', 'HEART_RATE', 'WEIGHT'];
const rollupsText = ({ samples, priority, zone }: SampleSet) =>
  JSON.stringify(computeRollups(samples, { timeZone: zone, priority }));

describe('rollup properties', () => {
  it('do not depend on input order, bit for bit', () => {
    const withPermutation = sampleSetArbitrary(ALL_KINDS).chain((set) =>
      fc.tuple(
        fc.constant(set),
        fc.shuffledSubarray(set.samples, {
          minLength: set.samples.length,
          maxLength: set.samples.length,
        }),
      ),
    );
    fc.assert(
      fc.property(withPermutation, ([set, shuffled]) => {
        expect(rollupsText({ ...set, samples: shuffled })).toBe(rollupsText(set));
      }),
      { numRuns: 150 },
    );
  });

  it('do not change when samples are sent twice', () => {
    const withRepeats = sampleSetArbitrary(ALL_KINDS).chain((set) =>
      fc.tuple(fc.constant(set), fc.subarray(set.samples)),
    );
    fc.assert(
      fc.property(withRepeats, ([set, repeats]) => {
        expect(rollupsText({ ...set, samples: [...set.samples, ...repeats] })).toBe(
          rollupsText(set),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('make a day exactly the merge of its hours and a week or month that of its days', () => {
    const mergedBy = (buckets: BucketSummary[], key: (b: BucketSummary) => string) => {
      const groups = new Map<string, BucketSummary[]>();
      for (const b of [...buckets].sort((x, y) => x.startMs - y.startMs)) {
        groups.set(`${b.type}|${key(b)}`, [...(groups.get(`${b.type}|${key(b)}`) ?? []), b]);
      }
      return [...groups].map(([k, list]) => [k, mergeSummaryList(list.map((b) => b.summary))]);
    };
    const keyed = (buckets: BucketSummary[]) =>
      buckets.map((b) => [`${b.type}|${b.localDate}`, b.summary]);
    fc.assert(
      fc.property(sampleSetArbitrary(ALL_KINDS), ({ samples, priority, zone }) => {
        const all = computeBucketSummaries(samples, { timeZone: zone, priority });
        const of = (period: string) => all.filter((b) => b.period === period);
        const sortKeys = (entries: unknown[][]) =>
          entries.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
        expect(sortKeys(mergedBy(of('hour'), (b) => b.localDate))).toStrictEqual(
          sortKeys(keyed(of('day'))),
        );
        expect(sortKeys(mergedBy(of('day'), (b) => isoWeekStartDate(b.localDate)))).toStrictEqual(
          sortKeys(keyed(of('week'))),
        );
        expect(sortKeys(mergedBy(of('day'), (b) => monthStartDate(b.localDate)))).toStrictEqual(
          sortKeys(keyed(of('month'))),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('never take time from higher sources when a source ranked below all others is added', () => {
    const withLowest = fc.constantFrom(...ANCHORS).chain((anchor) =>
      fc.record({
        samples: fc.uniqueArray(sampleArbitrary(['STEPS'], anchor), {
          maxLength: 20,
          selector: identity,
        }),
        lowest: fc.uniqueArray(sampleArbitrary(['STEPS'], anchor, ['zzz-lowest']), {
          maxLength: 10,
          selector: identity,
        }),
        priority: fc.shuffledSubarray(['watch', 'phone', 'band']),
      }),
    );
    fc.assert(
      fc.property(withLowest, ({ samples, lowest, priority }) => {
        const before = ownedByInput(samples, priority);
        const after = ownedByInput([...samples, ...lowest], priority);
        samples.forEach((_, i) => expect(after.get(i)).toBe(before.get(i)));
      }),
      { numRuns: 150 },
    );
  });
});

/** Time each sample owns, by its index in `samples` (single type). */
function ownedByInput(samples: HealthSample[], priority: string[]): Map<number, number> {
  const prepared = prepareSamples(samples, priority);
  const owned = new Map<number, number>();
  const ts = prepared.byType[0];
  if (!ts) return owned;
  const order = cumulativeSampleOrder(ts, compressCoordinates(ts), prepared.sources.ids.length);
  const time = ownedTimeBySample(ts, order);
  for (let i = 0; i < ts.size; i++) owned.set(ts.input[i] as number, time[i] as number);
  return owned;
}

/**
 * A deliberately naive model of SPECIFICATION.md §3 for cumulative types — each sample, in sample order,
 * gets its interval minus what earlier samples took — to check the sweep line against.
 */
function modelOrder(samples: HealthSample[], priority: string[]): HealthSample[] {
  const unlisted = [...new Set(samples.map((s) => s.sourceDevice))]
    .filter((id) => !priority.includes(id))
    .sort();
  const rank = (s: HealthSample) =>
    priority.includes(s.sourceDevice)
      ? priority.indexOf(s.sourceDevice)
      : priority.length + unlisted.indexOf(s.sourceDevice);
  const key = (s: HealthSample) => [rank(s), Date.parse(s.startDate), Date.parse(s.endDate)];
  return [...samples].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return (ka[i] as number) - (kb[i] as number);
    const [ia, ib] = [a.id ?? '', b.id ?? ''];
    return ia < ib ? -1 : ia > ib ? 1 : a.value - b.value;
  });
}

interface Piece {
  index: number;
  sample: HealthSample;
  from: number;
  to: number;
}

/** Owned pieces in sample order; a zero-length sample that counts is a piece with from === to. */
function modelOwnership(samples: HealthSample[], priority: string[]): Piece[] {
  const taken: Array<[number, number]> = [];
  const instants = new Set<number>();
  const pieces: Piece[] = [];
  for (const sample of modelOrder(samples, priority)) {
    const index = samples.indexOf(sample);
    const [from, to] = [Date.parse(sample.startDate), Date.parse(sample.endDate)];
    if (from === to) {
      if (!taken.some(([a, b]) => a <= from && from < b) && !instants.has(from)) {
        pieces.push({ index, sample, from, to });
      }
      instants.add(from);
      continue;
    }
    let cursor = from;
    for (const [a, b] of [...taken].sort((x, y) => x[0] - y[0])) {
      if (b <= cursor || a >= to) continue;
      if (a > cursor) pieces.push({ index, sample, from: cursor, to: a });
      cursor = Math.max(cursor, b);
    }
    if (cursor < to) pieces.push({ index, sample, from: cursor, to });
    taken.push([from, to]);
  }
  return pieces;
}

function modelHours(samples: HealthSample[], priority: string[], zone: string) {
  const hours = new Map<number, { sum: number; count: number }>();
  const counted = new Set<HealthSample>();
  const add = (at: number, value: number, sample: HealthSample) => {
    const hour = bucketStart('hour', at, zone);
    const entry = hours.get(hour) ?? { sum: 0, count: 0 };
    entry.sum += value;
    if (!counted.has(sample)) entry.count += 1;
    counted.add(sample);
    hours.set(hour, entry);
  };
  for (const { sample, from, to } of modelOwnership(samples, priority)) {
    const duration = Date.parse(sample.endDate) - Date.parse(sample.startDate);
    if (duration === 0) add(from, sample.value, sample);
    for (let at = from; at < to;) {
      const until = Math.min(to, nextBucketStart('hour', bucketStart('hour', at, zone), zone));
      add(at, (sample.value * (until - at)) / duration, sample);
      at = until;
    }
  }
  return hours;
}

describe('the sweep line agrees with a naive model of SPECIFICATION.md §3', () => {
  it('gives every sample exactly the time the model gives it', () => {
    fc.assert(
      fc.property(sampleSetArbitrary(['STEPS'], 40), ({ samples, priority }) => {
        const expected = new Map<number, number>();
        for (const piece of modelOwnership(samples, priority)) {
          expected.set(piece.index, (expected.get(piece.index) ?? 0) + piece.to - piece.from);
        }
        const owned = ownedByInput(samples, priority);
        samples.forEach((_, i) => expect(owned.get(i)).toBe(expected.get(i) ?? 0));
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same hour sums and counts', () => {
    fc.assert(
      fc.property(sampleSetArbitrary(['STEPS'], 40), ({ samples, priority, zone }) => {
        const hours = computeBucketSummaries(samples, {
          timeZone: zone,
          priority,
          periods: ['hour'],
        });
        const model = modelHours(samples, priority, zone);
        expect(hours.map((h) => h.startMs)).toEqual([...model.keys()].sort((a, b) => a - b));
        for (const hour of hours) {
          const expected = model.get(hour.startMs);
          expect(hour.summary.count).toBe(expected?.count);
          expect(hour.summary.sum).toBeCloseTo(expected?.sum ?? Number.NaN, 6);
        }
      }),
      { numRuns: 150 },
    );
  });
});
