import { createRng, mixSeed } from './prng.js';

/** The demo person's stable traits, drawn once from the seed. */
export interface Person {
  restingHeartRate: number;
  weightKg: number;
  bodyFatPercent: number;
  /** Multiplier on the day's walking (about 1 gives ~8,500 steps). */
  activity: number;
  /** Metres per walking step. */
  strideM: number;
  sleepNeedMinutes: number;
}

export function personFromSeed(seed: number): Person {
  const rng = createRng(mixSeed(seed, 0x5eed));
  return {
    restingHeartRate: rng.uniform(58, 66),
    weightKg: rng.uniform(68, 92),
    bodyFatPercent: rng.uniform(18, 28),
    activity: rng.uniform(0.9, 1.1),
    strideM: rng.uniform(0.7, 0.8),
    sleepNeedMinutes: rng.uniform(420, 460),
  };
}

/** The person's level on a given day, including the trends that make insights fire. */
export interface DayLevels {
  restingHeartRate: number;
  weightKg: number;
  bodyFatPercent: number;
  activity: number;
  sleepMinutes: number;
}

/** 1 within the last 10 days before the end date, fading linearly to 0 at 16 days. */
function recentRamp(daysFromEnd: number): number {
  if (daysFromEnd <= 10) return 1;
  if (daysFromEnd >= 16) return 0;
  return (16 - daysFromEnd) / 6;
}

/**
 * Slow year-long drifts (fitter and lighter towards the end date) plus a recent change in the
 * last ~10 days: more walking, lower resting heart rate, a little weight lost, shorter nights.
 * Sized so that the last 7 days differ from the 28 before by more than the insight thresholds.
 */
export function levelsOn(person: Person, daysFromEnd: number): DayLevels {
  const recent = recentRamp(daysFromEnd);
  return {
    restingHeartRate: person.restingHeartRate + 0.008 * daysFromEnd - 5 * recent,
    weightKg: person.weightKg + 0.01 * daysFromEnd - 1.2 * recent,
    bodyFatPercent: person.bodyFatPercent + 0.004 * daysFromEnd - 0.4 * recent,
    activity: person.activity * (1 + 0.25 * recent),
    sleepMinutes: person.sleepNeedMinutes - 50 * recent,
  };
}
