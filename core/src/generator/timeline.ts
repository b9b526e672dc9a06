import type { DayPlan } from './day-plan.js';
import type { DayLevels, Person } from './person.js';
import type { Rng } from './prng.js';

/**
 * Minute-by-minute truth for one wear day (the night ending on day D plus D's waking hours):
 * how the person moved, and which devices were on them. Devices then sample this truth each in
 * their own way, which is what makes their samples overlap realistically.
 * Index 0 is `firstMinute` (bedtime, minutes from D's local midnight).
 */
export interface Timeline {
  firstMinute: number;
  /** Index of the wake-up minute. */
  wakeIndex: number;
  length: number;
  /** Steps per minute. */
  cadence: Float64Array;
  /** Metres per walking step; running strides are longer (see `metresAt`). */
  strideM: number;
  activeKcal: Float64Array;
  running: Uint8Array;
  watchOn: Uint8Array;
  phoneCarried: Uint8Array;
}

export function buildTimeline(
  plan: DayPlan,
  levels: DayLevels,
  person: Person,
  endMinute: number,
  rng: Rng,
): Timeline {
  const length = Math.max(endMinute - plan.bedMinute, plan.wakeMinute - plan.bedMinute + 60);
  const t: Timeline = {
    firstMinute: plan.bedMinute,
    wakeIndex: plan.wakeMinute - plan.bedMinute,
    length,
    cadence: new Float64Array(length),
    strideM: person.strideM,
    activeKcal: new Float64Array(length),
    running: new Uint8Array(length),
    watchOn: new Uint8Array(length),
    phoneCarried: new Uint8Array(length),
  };
  addMovement(t, plan, levels, rng);
  addActiveEnergy(t);
  addWatchWear(t, plan, rng);
  addPhoneCarry(t, plan, rng);
  return t;
}

/** Sets a walking (or running) bout, given in minutes from local midnight. */
function bout(t: Timeline, startMinute: number, minutes: number, cadence: number, run = false) {
  const from = Math.max(t.wakeIndex, Math.round(startMinute) - t.firstMinute);
  const to = Math.min(t.length, from + Math.round(minutes));
  for (let i = from; i < to; i++) {
    t.cadence[i] = cadence;
    t.running[i] = run ? 1 : 0;
  }
}

function addMovement(t: Timeline, plan: DayPlan, levels: DayLevels, rng: Rng): void {
  const scale = levels.activity;
  // Pottering about: a few steps in a third of the waking minutes, quieter before bed.
  for (let i = t.wakeIndex; i < t.length - 20; i++) {
    if (rng.chance(0.3)) t.cadence[i] = rng.uniform(1, 8);
  }
  // Short walks between rooms, shops, meetings: a couple of minutes every hour or so.
  const windDown = t.firstMinute + t.length - 45;
  for (let m = plan.wakeMinute + rng.int(20, 60); m < windDown; m += rng.int(45, 105)) {
    bout(t, m, rng.int(1, 3) * scale, rng.uniform(70, 100));
  }
  if (!plan.weekend) {
    bout(t, plan.wakeMinute + rng.int(45, 75), rng.int(9, 15) * scale, rng.normal(104, 5));
    bout(t, rng.int(1020, 1110), rng.int(9, 15) * scale, rng.normal(104, 5));
  } else if (rng.chance(0.7)) {
    bout(t, rng.int(600, 900), rng.int(30, 70) * scale, rng.normal(100, 6));
  }
  if (rng.chance(0.5)) bout(t, rng.int(730, 790), rng.int(12, 25) * scale, rng.normal(106, 5));
  const workout = plan.workout;
  if (workout) {
    const cadence = workout.running ? rng.normal(162, 5) : rng.normal(120, 5);
    bout(t, workout.startMinute, workout.minutes, cadence, workout.running);
  }
}

function addActiveEnergy(t: Timeline): void {
  for (let i = t.wakeIndex; i < t.length; i++) {
    const cadence = t.cadence[i] ?? 0;
    t.activeKcal[i] = 0.15 + cadence * (t.running[i] ? 0.07 : 0.042);
  }
}

/** Metres covered in minute `i`. */
export function metresAt(t: Timeline, i: number): number {
  return (t.cadence[i] ?? 0) * t.strideM * (t.running[i] ? 1.45 : 1);
}

function setRange(mask: Uint8Array, from: number, to: number, value: 0 | 1): void {
  mask.fill(value, Math.max(0, from), Math.max(0, Math.min(mask.length, to)));
}

/**
 * The watch is worn overnight on most nights and through most of the day, but comes off to charge
 * (after waking, or before the first wear if it was not worn at night) and on some days for a
 * few hours more. On some days it is not worn at all.
 */
function addWatchWear(t: Timeline, plan: DayPlan, rng: Rng): void {
  if (plan.watchOvernight) setRange(t.watchOn, 0, t.wakeIndex, 1);
  if (!plan.watchWorn) return;
  setRange(t.watchOn, t.wakeIndex, t.length, 1);
  const chargeStart = t.wakeIndex + rng.int(10, 40);
  setRange(t.watchOn, chargeStart, chargeStart + rng.int(40, 80), 0);
  if (rng.chance(0.25)) {
    const offStart = t.wakeIndex + rng.int(120, 600);
    setRange(t.watchOn, offStart, offStart + rng.int(60, 180), 0);
  }
}

/** The phone is in a pocket through the waking hours, except at the desk or left home for a run. */
function addPhoneCarry(t: Timeline, plan: DayPlan, rng: Rng): void {
  setRange(t.phoneCarried, t.wakeIndex + 15, t.length - 30, 1);
  if (rng.chance(0.3)) {
    const deskStart = rng.int(540, 840) - t.firstMinute;
    setRange(t.phoneCarried, deskStart, deskStart + rng.int(60, 180), 0);
  }
  const workout = plan.workout;
  if (workout?.phoneLeft) {
    const start = workout.startMinute - t.firstMinute;
    setRange(t.phoneCarried, start - 5, start + workout.minutes + 5, 0);
  }
}
