import { SERIES_SLEEP_STAGE_CODES } from '@hearth/schema';
import type { RollupCalendar } from './calendar.js';
import { cumulativeHours } from './cumulative-hours.js';
import type { HourSummaries } from './hour-grid.js';
import { compareInSampleOrder, type TypeSamples } from './prepare.js';

/**
 * Sleep hours, with stages. Trackers record a night twice over: the phone's `inBed` span and the
 * watch's stages inside it (core, deep, rem, awake), so summing every sleep sample would count
 * a night's time in bed as sleep. The rule, per sleep day (18:00 on D−1 to 18:00 on D, see
 * core/src/time/rollup-days.ts):
 * - if any source has an asleep-stage sample (asleep, core, deep, rem) overlapping that night,
 *   only asleep-stage samples count, through the usual priority sweep;
 * - otherwise the night's `inBed` samples count (a phone alone, or an old export, still has
 *   nights);
 * - `awake` never counts.
 * Each class is swept on its own (so an `inBed` span never takes time from a stage), and the
 * night's choice picks whose hours the day has. The choice depends only on samples overlapping
 * the night, so recomputing some days from the samples around them (the worker) agrees with a
 * full computation.
 */
const IN_BED = SERIES_SLEEP_STAGE_CODES.inBed;
const AWAKE = SERIES_SLEEP_STAGE_CODES.awake;

/**
 * The samples that count: of one source's samples with the same (start, end), only the last
 * received, as everywhere (prepare.ts). Done before splitting by stage, so a sample re-sent with
 * another stage replaces the first rather than counting in two classes.
 */
export function lastOfEachSample(ts: TypeSamples): number[] {
  const order = Array.from({ length: ts.size }, (_, i) => i).sort(compareInSampleOrder(ts));
  const { rank, start, end } = ts;
  const kept: number[] = [];
  let previous = -1;
  for (const i of order) {
    const same =
      previous >= 0 &&
      rank[i] === rank[previous] &&
      start[i] === start[previous] &&
      end[i] === end[previous];
    if (!same) kept.push(i);
    previous = i;
  }
  return kept.sort((a, b) => a - b);
}

/** The samples at `indices` as a TypeSamples of their own (input indices kept). */
export function subset(ts: TypeSamples, indices: readonly number[]): TypeSamples {
  const pick = <T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T => {
    indices.forEach((i, j) => (to[j] = from[i] as number));
    return to;
  };
  const n = indices.length;
  return {
    type: ts.type,
    size: n,
    start: pick(ts.start, new Float64Array(n)),
    end: pick(ts.end, new Float64Array(n)),
    value: pick(ts.value, new Float64Array(n)),
    stage: pick(ts.stage, new Uint8Array(n)),
    rank: pick(ts.rank, new Int32Array(n)),
    input: pick(ts.input, new Int32Array(n)),
  };
}

function hoursOf(ts: TypeSamples, sourceCount: number, timeZone: string): HourSummaries {
  return ts.size === 0 ? { starts: [], summaries: [] } : cumulativeHours(ts, sourceCount, timeZone);
}

export function sleepHours(
  ts: TypeSamples,
  sourceCount: number,
  timeZone: string,
  calendar: RollupCalendar,
): HourSummaries {
  const kept = lastOfEachSample(ts);
  const stageOf = (i: number) => ts.stage[i] as number;
  const asleep = subset(
    ts,
    kept.filter((i) => stageOf(i) !== IN_BED && stageOf(i) !== AWAKE),
  );
  const inBed = subset(
    ts,
    kept.filter((i) => stageOf(i) === IN_BED),
  );
  const asleepHours = hoursOf(asleep, sourceCount, timeZone);
  const inBedHours = hoursOf(inBed, sourceCount, timeZone);
  const nightsAsleep = new Set(asleepHours.starts.map((h) => calendar.dayOf(h, true)));

  // Both lists are in time order, and no hour is in both once the asleep nights' in-bed hours
  // are left out: merge them.
  const result: HourSummaries = { starts: [], summaries: [] };
  let b = 0;
  const pushInBedUntil = (limit: number) => {
    for (; b < inBedHours.starts.length && (inBedHours.starts[b] as number) < limit; b++) {
      const hour = inBedHours.starts[b] as number;
      if (nightsAsleep.has(calendar.dayOf(hour, true))) continue;
      result.starts.push(hour);
      result.summaries.push(inBedHours.summaries[b]!);
    }
  };
  asleepHours.starts.forEach((hour, a) => {
    pushInBedUntil(hour);
    result.starts.push(hour);
    result.summaries.push(asleepHours.summaries[a]!);
  });
  pushInBedUntil(Infinity);
  return result;
}
