import { HEALTH_DATA_TYPES, type HealthDataType } from '@hearth/schema';
import { ASLEEP_CODE, isSleepStageCode } from '../series/stages.js';

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
