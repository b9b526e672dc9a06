import { HEALTH_DATA_TYPES, type HealthDataType } from '@hearth/schema';
import {
  allocateByType,
  orderSources,
  RollupError,
  sourceRanks,
  store,
  TYPE_INDEX,
  type PreparedSamples,
  type SampleIdOf,
  type TypeSamples,
} from './prepare.js';

/**
 * `[startMs, endMs, value]` or `[startMs, endMs, value, sleepStageCode]`, as series store their
 * samples (`SeriesPoint` in the schema; no 4th element means asleep).
 */
export type RollupPoint = readonly [
  startMs: number,
  endMs: number,
  value: number,
  sleepStageCode?: number | undefined,
];

/** The samples of one device and one type as points: a stored series, or any slice of one. */
export interface RollupSeries {
  deviceId: string;
  type: HealthDataType;
  points: readonly RollupPoint[];
}

/**
 * Instants a sample's date can name (schema/src/instant.ts reads four-digit years only).
 * Points outside are refused too, so samples and series are accepted alike.
 */
const EARLIEST_MS = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z
const LATEST_MS = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

function isInstant(ms: number): boolean {
  return Number.isInteger(ms) && ms >= EARLIEST_MS && ms <= LATEST_MS;
}

/**
 * Where the points came from when the caller held sample objects (`computeRollups`): the index
 * of each point's sample, for the points in `series.flatMap((s) => s.points)` order, and the
 * samples' ids. The engine then orders, tie-breaks and names points as the caller's samples.
 */
export interface SampleOrigin {
  sampleIndex: Int32Array;
  sampleId: SampleIdOf;
}

function invalid(series: number, point: number | null, reason: string): RollupError {
  const where = point === null ? `Series ${series}` : `Series ${series}, point ${point}`;
  return new RollupError('rollup-invalid-sample', `${where}: ${reason}`);
}

function invalidSample(index: number, reason: string): RollupError {
  return new RollupError('rollup-invalid-sample', `Sample ${index}: ${reason}`);
}

/**
 * Splits series points by type straight into the engine's typed arrays: no dates to parse and no
 * object per sample. The points of a series all have its device as their source and no sample id,
 * exactly as `seriesToSamples` would give them, unless `origin` says which samples they are.
 * Throws `rollup-invalid-sample`.
 */
export function prepareSeries(
  series: readonly RollupSeries[],
  priority: readonly string[],
  origin?: SampleOrigin,
): PreparedSamples {
  const typeOf = new Int32Array(series.length);
  const slotOf = new Int32Array(series.length);
  const counts = new Array<number>(HEALTH_DATA_TYPES.length).fill(0);
  const sourceSlot = new Map<string, number>();
  series.forEach((s, i) => {
    const t = TYPE_INDEX.get(s.type);
    if (t === undefined) throw invalid(i, null, 'unknown type');
    typeOf[i] = t;
    counts[t] = (counts[t] as number) + s.points.length;
    let slot = sourceSlot.get(s.deviceId);
    if (slot === undefined) sourceSlot.set(s.deviceId, (slot = sourceSlot.size));
    slotOf[i] = slot;
  });
  const sources = orderSources([...sourceSlot.keys()], priority);
  const rankOfSlot = sourceRanks(sources, sourceSlot);
  const byType = allocateByType(counts);
  const filled = new Array<number>(HEALTH_DATA_TYPES.length).fill(0);
  // Point indices run across all series, in the order `series.flatMap(seriesToSamples)` has them.
  let input = 0;
  series.forEach((s, i) => {
    const t = typeOf[i] as number;
    const target = byType[t] as TypeSamples;
    const rank = rankOfSlot[slotOf[i] as number] as number;
    const first = filled[t] as number;
    fillPoints(target, first, input, s.points, rank, i, origin);
    filled[t] = first + s.points.length;
    input += s.points.length;
  });
  const sampleId = origin?.sampleId ?? (() => '');
  return { sources, byType: byType.filter((ts) => ts.size > 0), sampleId };
}

function fillPoints(
  target: TypeSamples,
  first: number,
  firstInput: number,
  points: readonly RollupPoint[],
  rank: number,
  seriesIndex: number,
  origin: SampleOrigin | undefined,
): void {
  for (let p = 0; p < points.length; p++) {
    const [start, end, value, stage] = points[p] as RollupPoint;
    const input = origin ? (origin.sampleIndex[firstInput + p] as number) : firstInput + p;
    if (!isInstant(start) || !isInstant(end)) {
      const reason = 'start and end must be whole epoch milliseconds (years 0–9999)';
      throw origin ? invalidSample(input, reason) : invalid(seriesIndex, p, reason);
    }
    const problem = store(target, first + p, input, start, end, value, stage);
    if (problem) throw origin ? invalidSample(input, problem) : invalid(seriesIndex, p, problem);
    target.rank[first + p] = rank;
  }
}
