import { clamp } from './sample-sink.js';
import type { DayLevels } from './person.js';
import { createRng, mixSeed } from './prng.js';
import { isoWeekday } from '../time/civil.js';

/**
 * The shape of one "wear day": the night that ends on day D, then the waking hours of D until
 * the next night starts. Times are minutes from D's local midnight (the night starts before 0).
 */
export interface DayPlan {
  weekend: boolean;
  /** When the person went to bed (negative: the evening before). */
  bedMinute: number;
  /** Minutes in bed before falling asleep. */
  sleepLatency: number;
  wakeMinute: number;
  /** The watch is worn during the waking hours of this day. */
  watchWorn: boolean;
  /** The watch was worn during the night ending on this day (it tracks sleep). */
  watchOvernight: boolean;
  /** The third-party band is worn for this whole wear day. */
  bandDay: boolean;
  /** The person steps on the scale this morning. */
  scaleDay: boolean;
  /** The person measures and enters blood glucose by hand today. */
  glucoseDay: boolean;
  /** The person types in a weight by hand this evening. */
  manualWeight: boolean;
  /** A workout today, and whether the phone was left at home for it. */
  workout: { startMinute: number; minutes: number; running: boolean; phoneLeft: boolean } | null;
  /** SpO2 dips below 92 % during the night ending today. */
  lowOxygenNight: boolean;
}

/** A plan depends only on the seed, the date and the day's levels, so days never disturb each other. */
export function planDay(
  seed: number,
  dayNumber: number,
  levels: DayLevels,
  daysFromEnd: number,
): DayPlan {
  const rng = createRng(mixSeed(seed, dayNumber * 2));
  // ISO weekdays: 6 is Saturday, 7 Sunday.
  const weekend = isoWeekday(dayNumber) >= 6;
  const wakeMinute = Math.round(
    weekend ? clamp(rng.normal(510, 30), 420, 630) : clamp(rng.normal(405, 18), 350, 460),
  );
  const sleepMinutes = clamp(rng.normal(levels.sleepMinutes + (weekend ? 30 : 0), 30), 300, 600);
  const sleepLatency = rng.int(5, 25);
  const bedMinute = Math.round(wakeMinute - sleepMinutes - sleepLatency);
  // One deliberate low-oxygen night two nights before the end date, worn with the watch, so the
  // demo always shows an out-of-range insight. Every draw still happens, keeping the stream aligned.
  const showcaseNight = daysFromEnd === 2;
  const wornToday = rng.chance(0.92);
  const wornTonight = rng.chance(0.9);
  const watchWorn = wornToday || showcaseNight;
  const watchOvernight = (watchWorn && wornTonight) || showcaseNight;
  const randomLowNight = rng.chance(0.02);
  const hasWorkout = rng.chance(weekend ? 0.5 : 0.35);
  const workoutStart = weekend ? rng.int(600, 960) : rng.int(1050, 1170);
  const running = rng.chance(0.6);
  return {
    weekend,
    bedMinute,
    sleepLatency,
    wakeMinute,
    watchWorn,
    watchOvernight,
    bandDay: rng.chance(0.4),
    scaleDay: rng.chance(0.7),
    glucoseDay: rng.chance(0.3),
    manualWeight: rng.chance(0.03),
    workout: hasWorkout
      ? { startMinute: workoutStart, minutes: rng.int(25, 55), running, phoneLeft: rng.chance(0.5) }
      : null,
    lowOxygenNight: showcaseNight || randomLowNight,
  };
}
