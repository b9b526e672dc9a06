import {
  MAX_SERIES_SLEEP_STAGE_CODE,
  SERIES_SLEEP_STAGE_CODES,
  SLEEP_STAGES,
  type SeriesPoint,
  type SleepStage,
} from '@hearth/schema';

/**
 * Sleep stages as series points carry them (schema/src/series.ts): a small integer in the 4th
 * element, none for `asleep`. In memory, code 0 stands for "no 4th element" (asleep).
 */
export const ASLEEP_CODE = 0;

const STAGE_OF_CODE: readonly SleepStage[] = (() => {
  const stages: SleepStage[] = new Array<SleepStage>(MAX_SERIES_SLEEP_STAGE_CODE + 1).fill(
    'asleep',
  );
  for (const [stage, code] of Object.entries(SERIES_SLEEP_STAGE_CODES)) {
    stages[code] = stage as SleepStage;
  }
  return stages;
})();

const KNOWN_STAGES: ReadonlySet<string> = new Set(SLEEP_STAGES);

export function isSleepStage(text: string): text is SleepStage {
  return KNOWN_STAGES.has(text);
}

/** The point code of a stage: 0 (no 4th element) for `asleep` or no stage. */
export function sleepStageCode(stage: SleepStage | undefined): number {
  return stage === undefined || stage === 'asleep' ? ASLEEP_CODE : SERIES_SLEEP_STAGE_CODES[stage];
}

/** Whether `code` is a point's stage code (0 included), as stored or replicated. */
export function isSleepStageCode(code: number): boolean {
  return Number.isInteger(code) && code >= ASLEEP_CODE && code <= MAX_SERIES_SLEEP_STAGE_CODE;
}

/** The stage a point code stands for (`asleep` for 0 or no code). */
export function sleepStageOfCode(code: number | undefined): SleepStage {
  return STAGE_OF_CODE[code ?? ASLEEP_CODE] ?? 'asleep';
}

/** The stage code of a point: its 4th element, or 0 (asleep) without one. */
export function pointStageCode(point: readonly [number, number, number, number?]): number {
  return point[3] ?? ASLEEP_CODE;
}

/** A series point, with the 4th element only for a stage other than asleep. */
export function seriesPoint(start: number, end: number, value: number, stage: number): SeriesPoint {
  return stage === ASLEEP_CODE ? [start, end, value] : [start, end, value, stage];
}
