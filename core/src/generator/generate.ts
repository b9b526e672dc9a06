import type { HealthSample } from '@hearth/schema';
import { emitBandActivity, emitPhoneActivity, emitWatchActivity } from './activity-samples.js';
import { emitManualEntries, emitScale } from './body-samples.js';
import { planDay } from './day-plan.js';
import { DEMO_DEVICE_LIST, DEMO_DEVICES, type DemoDevice } from './demo-devices.js';
import { emitBandHeartRate, emitRestingHeartRate, emitWatchHeartRate } from './heart-samples.js';
import { dayNumberToLocalDate, localDateToDayNumber } from '../time/civil.js';
import { zoneOffsets, type ZoneOffsets } from '../time/zone-offsets.js';
import { minuteZeroOfDay } from './local-days.js';
import { levelsOn, personFromSeed, type Person } from './person.js';
import { createRng, hashString, mixSeed } from './prng.js';
import { SampleSink } from './sample-sink.js';
import { emitBandSleep, emitNightOxygen, emitWatchSleep } from './sleep-samples.js';
import { buildTimeline } from './timeline.js';

export interface DemoDataOptions {
  /** Any number or string; the same seed always gives the same data. */
  seed: number | string;
  /** Last local day generated, `YYYY-MM-DD` (its full day is generated). */
  endDate: string;
  /** How many local days, ending with `endDate`. */
  days: number;
  /** IANA zone the person lives in: days, wake-ups and bedtimes follow its clock. */
  timeZone: string;
}

export interface DemoData {
  devices: DemoDevice[];
  /** Canonical-unit samples, day by day (each day's night first), not globally sorted. */
  samples: HealthSample[];
}

const MAX_DAYS = 3660;
const MS_PER_MINUTE = 60_000;

/**
 * Synthetic but realistic health data for one person with five devices whose samples genuinely
 * overlap (watch and phone both count steps; the phone mirrors some watch heart-rate readings; a
 * band on some days). About 1,500 samples a day. Pure: no clock, no I/O; every day depends only on
 * the seed, its date and its distance from `endDate` (which drives the recent trends).
 * Throws a RangeError for an invalid date, zone or day count.
 */
export function generateDemoData(options: DemoDataOptions): DemoData {
  const endDay = dayNumberOf(options.endDate);
  if (endDay === null) throw new RangeError(`endDate must be YYYY-MM-DD, got ${options.endDate}`);
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > MAX_DAYS) {
    throw new RangeError(`days must be an integer from 1 to ${MAX_DAYS}, got ${options.days}`);
  }
  const zone = zoneOf(options.timeZone);
  const seed = typeof options.seed === 'string' ? hashString(options.seed) : options.seed >>> 0;
  const person = personFromSeed(seed);
  const sink = new SampleSink();
  const firstDay = endDay - options.days + 1;
  let midnight = minuteZeroOfDay(firstDay, zone);
  for (let day = firstDay; day <= endDay; day++) {
    const nextMidnight = minuteZeroOfDay(day + 1, zone);
    sink.startDay(midnight);
    emitWearDay(sink, { seed, person, day, daysFromEnd: endDay - day, midnight, nextMidnight });
    midnight = nextMidnight;
  }
  return { devices: DEMO_DEVICE_LIST.map((d) => ({ ...d })), samples: sink.samples };
}

/** Day number of a `YYYY-MM-DD` date, or null if it is not a calendar date. */
function dayNumberOf(date: string): number | null {
  try {
    return localDateToDayNumber(date);
  } catch {
    return null;
  }
}

/** The zone's shared offset table (core's time module); a RangeError for an unknown zone. */
function zoneOf(timeZone: string): ZoneOffsets {
  try {
    return zoneOffsets(timeZone);
  } catch {
    throw new RangeError(`timeZone must be an IANA time zone, got ${timeZone}`);
  }
}

interface WearDay {
  seed: number;
  person: Person;
  day: number;
  daysFromEnd: number;
  midnight: number;
  nextMidnight: number;
}

/** Every device's samples for the night ending on `day` and the waking hours that follow. */
function emitWearDay(sink: SampleSink, w: WearDay): void {
  const dayMinutes = Math.round((w.nextMidnight - w.midnight) / MS_PER_MINUTE);
  const levels = levelsOn(w.person, w.daysFromEnd);
  const plan = planDay(w.seed, w.day, levels, w.daysFromEnd);
  // The waking hours end when the next night starts, which the next day's plan decides.
  const tomorrow = levelsOn(w.person, w.daysFromEnd - 1);
  const nextPlan = planDay(w.seed, w.day + 1, tomorrow, w.daysFromEnd - 1);
  const rng = createRng(mixSeed(w.seed, w.day * 2 + 1));
  const timeline = buildTimeline(plan, levels, w.person, dayMinutes + nextPlan.bedMinute, rng);
  if (plan.watchOvernight) {
    emitWatchSleep(sink, timeline, plan, rng);
    emitNightOxygen(sink, timeline, plan, DEMO_DEVICES.watch.id, rng);
  }
  if (plan.watchWorn) {
    emitWatchActivity(sink, timeline, rng);
    emitRestingHeartRate(sink, timeline, levels, rng);
  }
  emitWatchHeartRate(sink, timeline, levels, rng);
  emitPhoneActivity(sink, timeline, rng);
  if (plan.bandDay) {
    emitBandSleep(sink, timeline, plan, rng);
    emitNightOxygen(sink, timeline, plan, DEMO_DEVICES.band.id, rng);
    emitBandActivity(sink, timeline, rng);
    emitBandHeartRate(sink, timeline, levels, rng);
  }
  if (plan.scaleDay) emitScale(sink, plan, levels, rng);
  emitManualEntries(sink, plan, levels, rng);
}

/** The local dates `generateDemoData` covers, oldest first. */
export function demoDataDates(endDate: string, days: number): string[] {
  const endDay = dayNumberOf(endDate);
  if (endDay === null) return [];
  return Array.from({ length: days }, (_, k) => dayNumberToLocalDate(endDay - days + 1 + k));
}
