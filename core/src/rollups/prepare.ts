import { HEALTH_DATA_TYPES, type HealthDataType, type HealthSample } from '@hearth/schema';
import { parseInstant } from '../time/instant.js';
import { ASLEEP_CODE, isSleepStage, isSleepStageCode, sleepStageCode } from '../series/stages.js';

export type RollupErrorCode = 'rollup-invalid-sample' | 'rollup-partial-period';

/** A bad rollup input, with a stable code. Never carries a health value in its message. */
export class RollupError extends Error {
  readonly code: RollupErrorCode;

  constructor(code: RollupErrorCode, message: string) {
    super(message);
    this.name = 'RollupError';
    this.code = code;
  }
}

/** The samples of one type as parallel typed arrays (a user-year is ~550k samples). */
export interface TypeSamples {
  type: HealthDataType;
  size: number;
  start: Float64Array;
  end: Float64Array;
  value: Float64Array;
  /** Sleep stage point code (core/src/series/stages.ts); 0 = asleep, and for every other type. */
  stage: Uint8Array;
  /** Position of the sample's source in the total source order (0 = highest). */
  rank: Int32Array;
  /** Index of the sample in the caller's input (its sample array, or all series' points in order). */
  input: Int32Array;
}

/** Everything the engines need about sources, by position in the source order. */
export interface SourceOrder {
  ids: string[];
  /** Index in the priority list, or the list's length for unlisted sources. */
  priorityRank: number[];
}

/**
 * The id of the sample at an input index (`TypeSamples.input`), '' when it has none: the last
 * key of the sample order. Series points carry no id, so for them it is always ''.
 */
export type SampleIdOf = (input: number) => string;

/** The engine's input, however the caller held its samples (sample objects or series points). */
export interface PreparedSamples {
  sources: SourceOrder;
  byType: TypeSamples[];
  sampleId: SampleIdOf;
}

export const TYPE_INDEX = new Map<string, number>(HEALTH_DATA_TYPES.map((type, i) => [type, i]));

function invalid(index: number, reason: string): RollupError {
  return new RollupError('rollup-invalid-sample', `Sample ${index}: ${reason}`);
}

/** Listed sources first in the priority's order, then unlisted ones by id (code-unit order). */
export function orderSources(seen: readonly string[], priority: readonly string[]): SourceOrder {
  const listedRank = new Map<string, number>();
  priority.forEach((id, i) => {
    if (!listedRank.has(id)) listedRank.set(id, i);
  });
  const listed = seen.filter((id) => listedRank.has(id));
  listed.sort((a, b) => (listedRank.get(a) as number) - (listedRank.get(b) as number));
  const unlisted = seen.filter((id) => !listedRank.has(id)).sort((a, b) => (a < b ? -1 : 1));
  return {
    ids: [...listed, ...unlisted],
    priorityRank: [
      ...listed.map((id) => listedRank.get(id) as number),
      ...unlisted.map(() => priority.length),
    ],
  };
}

/** Parses dates once and splits the samples by type; throws `rollup-invalid-sample`. */
export function prepareSamples(
  samples: readonly HealthSample[],
  priority: readonly string[],
): PreparedSamples {
  const n = samples.length;
  const typeOf = new Uint8Array(n);
  const sourceOf = new Int32Array(n);
  const counts = new Array<number>(HEALTH_DATA_TYPES.length).fill(0);
  const sourceSlot = new Map<string, number>();
  // Neighbouring samples usually share type and source: skip the map lookups then.
  let lastType = '';
  let lastTypeIndex = -1;
  let lastSource = '';
  let lastSlot = -1;
  for (let i = 0; i < n; i++) {
    const sample = samples[i] as HealthSample;
    if (sample.type !== lastType) {
      lastType = sample.type;
      lastTypeIndex = TYPE_INDEX.get(sample.type) ?? -1;
      if (lastTypeIndex < 0) throw invalid(i, 'unknown type');
    }
    typeOf[i] = lastTypeIndex;
    counts[lastTypeIndex] = (counts[lastTypeIndex] as number) + 1;
    if (sample.sourceDevice !== lastSource || lastSlot < 0) {
      lastSource = sample.sourceDevice;
      const known = sourceSlot.get(lastSource);
      lastSlot = known ?? sourceSlot.size;
      if (known === undefined) sourceSlot.set(lastSource, lastSlot);
    }
    sourceOf[i] = lastSlot;
  }
  const sources = orderSources([...sourceSlot.keys()], priority);
  const rankOfSlot = sourceRanks(sources, sourceSlot);
  const byType = allocateByType(counts);
  const filled = new Array<number>(HEALTH_DATA_TYPES.length).fill(0);
  for (let i = 0; i < n; i++) {
    const t = typeOf[i] as number;
    const target = byType[t] as TypeSamples;
    const j = filled[t] as number;
    filled[t] = j + 1;
    fill(target, j, i, samples[i] as HealthSample);
    target.rank[j] = rankOfSlot[sourceOf[i] as number] as number;
  }
  return {
    sources,
    byType: byType.filter((ts) => ts.size > 0),
    sampleId: (input) => samples[input]?.id ?? '',
  };
}

/** The rank in `sources` of each source slot (slots numbered in order of first appearance). */
export function sourceRanks(sources: SourceOrder, slotOf: ReadonlyMap<string, number>): Int32Array {
  const rankOfSlot = new Int32Array(slotOf.size);
  sources.ids.forEach((id, rank) => (rankOfSlot[slotOf.get(id) as number] = rank));
  return rankOfSlot;
}

/** One `TypeSamples` per health type (schema order), sized by `counts`. */
export function allocateByType(counts: readonly number[]): TypeSamples[] {
  return HEALTH_DATA_TYPES.map((type, t) => allocate(type, counts[t] as number));
}

function allocate(type: HealthDataType, size: number): TypeSamples {
  return {
    type,
    size,
    start: new Float64Array(size),
    end: new Float64Array(size),
    value: new Float64Array(size),
    stage: new Uint8Array(size),
    rank: new Int32Array(size),
    input: new Int32Array(size),
  };
}

function fill(target: TypeSamples, j: number, index: number, sample: HealthSample): void {
  const start = parseInstant(sample.startDate);
  // Point readings repeat the start: skip parsing the same text twice.
  const end = sample.endDate === sample.startDate ? start : parseInstant(sample.endDate);
  if (start === null || end === null) {
    throw invalid(index, 'dates must be ISO 8601 instants with an offset');
  }
  const { sleepStage } = sample;
  if (sleepStage !== undefined && !isSleepStage(sleepStage))
    throw invalid(index, 'unknown sleep stage');
  const problem = store(target, j, index, start, end, sample.value, sleepStageCode(sleepStage));
  if (problem) throw invalid(index, problem);
}

/**
 * Stores one sample at slot `j` of `target`, or says why it cannot be rolled up (without its
 * value: messages must not carry health data). Both ways into the engine end here.
 */
export function store(
  target: TypeSamples,
  j: number,
  input: number,
  start: number,
  end: number,
  value: number,
  stage: number = ASLEEP_CODE,
): string | null {
  if (end < start) return 'it ends before it starts';
  if (!Number.isFinite(value)) return 'value is not a finite number';
  if (!isSleepStageCode(stage)) return 'its sleep stage code is unknown';
  target.start[j] = start;
  target.stage[j] = stage;
  target.end[j] = end;
  // -0 would make a sum's sign depend on which of two equal samples came first.
  target.value[j] = value === 0 ? 0 : value;
  target.input[j] = input;
  return null;
}

/**
 * The total sample order of SPECIFICATION.md §3: (source rank, start, end). Within one source a sample is
 * identified by (start, end), so samples alike on all three are one sample sent more than once:
 * the last received (the greatest input index) comes first and alone counts, exactly as on the
 * server, where a re-sent sample replaces the stored one (core/src/series/points.ts).
 */
export function compareInSampleOrder(ts: TypeSamples) {
  const { rank, start, end, input } = ts;
  return (a: number, b: number): number =>
    (rank[a] as number) - (rank[b] as number) ||
    (start[a] as number) - (start[b] as number) ||
    (end[a] as number) - (end[b] as number) ||
    (input[b] as number) - (input[a] as number);
}
