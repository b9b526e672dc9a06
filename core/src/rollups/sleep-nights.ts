import type { LocalDate, SleepStage } from '@hearth/schema';
import { SERIES_SLEEP_STAGE_CODES } from '@hearth/schema';
import { sleepStageOfCode } from '../series/stages.js';
import { localDateToDayNumber, MS_PER_DAY, MS_PER_HOUR } from '../time/civil.js';
import { resolveWallTime } from '../time/local-time.js';
import { SLEEP_DAY_START_HOUR, sleepDayOf } from '../time/rollup-days.js';
import { compressCoordinates, cumulativeSampleOrder, sweepOwnership } from './ownership.js';
import { prepareSeries, type RollupSeries } from './prepare-series.js';
import { lastOfEachSample, subset } from './sleep-hours.js';
import type { TypeSamples } from './prepare.js';

/**
 * Each night's sleep as a hypnogram: which stage every moment of the night was in, with the
 * night's bedtime and wake time. The same rules as the totals (core/src/rollups/sleep-hours.ts),
 * so a night's asleep minutes here are its SLEEP_ANALYSIS day rollup:
 * - across sources, every moment belongs to the first sample in the sample order covering it
 *   (the ownership sweep of SPECIFICATION.md §3), so a night's stages come from the highest
 *   ranked source where sources overlap, and from the others only where it has nothing;
 * - the classes are swept on their own: asleep stages (asleep, core, deep, rem), `awake`, and
 *   `inBed`. Awake is drawn only where no asleep stage owns the moment; in-bed time is a band of
 *   its own (a phone's in-bed span around a watch's stages);
 * - a night is a sleep day (18:00 on D−1 to 18:00 on D, core/src/time/rollup-days.ts): samples
 *   crossing 18:00 are cut there, as the rollups' hours are.
 * Night asleep total: its asleep stages if it has any, otherwise its in-bed time (as the rollups).
 */

export interface SleepSegment {
  startMs: number;
  endMs: number;
  stage: SleepStage;
}

export interface SleepNight {
  /** The sleep day: the local date the night ends on. */
  night: LocalDate;
  /** Start of the night's first sample that counts (in bed or any stage). */
  bedtimeMs: number;
  /** End of the night's last sample that counts. */
  wakeMs: number;
  /** Asleep stages and awake, in time order, never overlapping. */
  stages: SleepSegment[];
  /** In-bed time, in time order, never overlapping. */
  inBed: SleepSegment[];
  /** Minutes per stage (awake only where no asleep stage is; in bed as its own band). */
  minutes: Record<SleepStage, number>;
  /** What the night's SLEEP_ANALYSIS day rollup counts (minutes). */
  asleepMinutes: number;
}

export interface SleepNightOptions {
  timeZone: string;
  /** Device ids, highest first, as for the rollups. */
  priority: readonly string[];
}

const MINUTE_MS = 60_000;
const IN_BED = SERIES_SLEEP_STAGE_CODES.inBed;
const AWAKE = SERIES_SLEEP_STAGE_CODES.awake;
const ASLEEP_STAGES: ReadonlySet<SleepStage> = new Set(['asleep', 'core', 'deep', 'rem']);

/**
 * What each sample of `ts` owns, as segments in time order, neighbours of one stage joined; and
 * the zero-length samples no other sample covers (they hold no time to draw, but a night with one
 * has an asleep stage for the rollups' choice).
 */
function ownedSegments(ts: TypeSamples, sourceCount: number) {
  const owned: SleepSegment[] = [];
  const instants: number[] = [];
  if (ts.size === 0) return { segments: owned, instants };
  const coordinates = compressCoordinates(ts);
  const { coords } = coordinates;
  sweepOwnership(coordinates, cumulativeSampleOrder(ts, coordinates, sourceCount), {
    owned(sample, from, to) {
      owned.push({
        startMs: coords[from] as number,
        endMs: coords[to] as number,
        stage: sleepStageOfCode(ts.stage[sample]),
      });
    },
    instant(_sample, at) {
      instants.push(coords[at] as number);
    },
  });
  return { segments: joinNeighbours(owned.sort((a, b) => a.startMs - b.startMs)), instants };
}

function joinNeighbours(segments: readonly SleepSegment[]): SleepSegment[] {
  const joined: SleepSegment[] = [];
  for (const s of segments) {
    const last = joined[joined.length - 1];
    if (last && last.endMs === s.startMs && last.stage === s.stage) last.endMs = s.endMs;
    else joined.push({ ...s });
  }
  return joined;
}

/** `segments` minus the time `cover` holds; both in time order and each free of overlaps. */
function without(segments: readonly SleepSegment[], cover: readonly SleepSegment[]) {
  const rest: SleepSegment[] = [];
  let c = 0;
  for (const s of segments) {
    let at = s.startMs;
    while (c < cover.length && (cover[c] as SleepSegment).endMs <= at) c++;
    for (let k = c; k < cover.length && (cover[k] as SleepSegment).startMs < s.endMs; k++) {
      const covered = cover[k] as SleepSegment;
      if (covered.startMs > at) rest.push({ ...s, startMs: at, endMs: covered.startMs });
      at = Math.max(at, covered.endMs);
    }
    if (at < s.endMs) rest.push({ ...s, startMs: at });
  }
  return rest;
}

/** The instant the sleep day `night` ends: 18:00 on that date, local time. */
function nightEnd(night: LocalDate, timeZone: string): number {
  const wall = localDateToDayNumber(night) * MS_PER_DAY + SLEEP_DAY_START_HOUR * MS_PER_HOUR;
  return resolveWallTime(wall, timeZone);
}

/** Segments cut at 18:00 and grouped by the sleep day each piece is in. */
function byNight(segments: readonly SleepSegment[], timeZone: string) {
  const nights = new Map<LocalDate, SleepSegment[]>();
  for (const s of segments) {
    let startMs = s.startMs;
    while (startMs < s.endMs) {
      const night = sleepDayOf(startMs, timeZone);
      const endMs = Math.min(s.endMs, nightEnd(night, timeZone));
      const list = nights.get(night) ?? [];
      list.push({ ...s, startMs, endMs });
      nights.set(night, list);
      startMs = endMs;
    }
  }
  return nights;
}

function minutesOf(segments: readonly SleepSegment[]): number {
  return segments.reduce((sum, s) => sum + (s.endMs - s.startMs), 0) / MINUTE_MS;
}

/** Every night the sleep series hold, oldest first. Series of other types are ignored. */
export function sleepNightsFromSeries(
  series: readonly RollupSeries[],
  options: SleepNightOptions,
): SleepNight[] {
  const prepared = prepareSeries(
    series.filter((s) => s.type === 'SLEEP_ANALYSIS'),
    options.priority,
  );
  const ts = prepared.byType[0];
  if (!ts) return [];
  const sourceCount = prepared.sources.ids.length;
  const kept = lastOfEachSample(ts);
  const code = (i: number) => ts.stage[i] as number;
  const classOf = (keep: (stage: number) => boolean) =>
    ownedSegments(
      subset(
        ts,
        kept.filter((i) => keep(code(i))),
      ),
      sourceCount,
    );
  const { segments: asleep, instants } = classOf((stage) => stage !== IN_BED && stage !== AWAKE);
  const awake = without(classOf((stage) => stage === AWAKE).segments, asleep);
  const stages = [...asleep, ...awake].sort((a, b) => a.startMs - b.startMs);
  const stagesByNight = byNight(stages, options.timeZone);
  const inBedByNight = byNight(classOf((stage) => stage === IN_BED).segments, options.timeZone);
  const nightsAsleep = new Set(instants.map((ms) => sleepDayOf(ms, options.timeZone)));

  const nights = [...new Set([...stagesByNight.keys(), ...inBedByNight.keys()])].sort();
  return nights.map((night) => {
    const nightStages = stagesByNight.get(night) ?? [];
    const inBed = inBedByNight.get(night) ?? [];
    const minutes: Record<SleepStage, number> = {
      asleep: 0,
      inBed: minutesOf(inBed),
      core: 0,
      deep: 0,
      rem: 0,
      awake: 0,
    };
    for (const s of nightStages) minutes[s.stage] += (s.endMs - s.startMs) / MINUTE_MS;
    const asleepStages = nightStages.filter((s) => ASLEEP_STAGES.has(s.stage));
    const hasAsleep = asleepStages.length > 0 || nightsAsleep.has(night);
    const all = [...nightStages, ...inBed];
    return {
      night,
      bedtimeMs: Math.min(...all.map((s) => s.startMs)),
      wakeMs: Math.max(...all.map((s) => s.endMs)),
      stages: nightStages,
      inBed,
      minutes,
      asleepMinutes: hasAsleep ? minutesOf(asleepStages) : minutes.inBed,
    };
  });
}
