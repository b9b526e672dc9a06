import type { DayPlan } from './day-plan.js';
import { DEMO_DEVICES } from './demo-devices.js';
import type { DayLevels } from './person.js';
import type { Rng } from './prng.js';
import { clamp, roundTo, type SampleSink } from './sample-sink.js';

/** Weight and body fat from the scale, a few minutes after waking, on the mornings it is used. */
export function emitScale(sink: SampleSink, plan: DayPlan, levels: DayLevels, rng: Rng): void {
  const id = DEMO_DEVICES.scale.id;
  const minute = plan.wakeMinute + rng.int(5, 25) + rng.int(0, 59) / 60;
  sink.add('WEIGHT', id, minute, minute, roundTo(rng.normal(levels.weightKg, 0.35), 1));
  const bodyFat = clamp(rng.normal(levels.bodyFatPercent, 0.4), 5, 60);
  sink.add('BODY_FAT', id, minute, minute, roundTo(bodyFat, 1));
}

/**
 * Values typed into the app: blood glucose fasting and after meals on some days (now and then
 * high after a big meal, rarely low), and the odd evening weight from another scale.
 */
export function emitManualEntries(
  sink: SampleSink,
  plan: DayPlan,
  levels: DayLevels,
  rng: Rng,
): void {
  const id = DEMO_DEVICES.manual.id;
  if (plan.glucoseDay) {
    const readings: Array<[number, number, number]> = [
      [plan.wakeMinute + 10, 92, 8],
      [rng.int(800, 840), 135, 25],
      [rng.int(1160, 1200), 128, 22],
    ];
    if (rng.chance(0.4)) readings.push([rng.int(1250, 1290), 110, 15]);
    for (const [minute, mean, sd] of readings) {
      const highMeal = rng.chance(0.04) ? 70 : 0;
      const mgdl = Math.round(clamp(rng.normal(mean + highMeal, sd), 55, 320));
      sink.add('BLOOD_GLUCOSE', id, minute, minute, mgdl);
    }
  }
  if (plan.manualWeight) {
    const minute = rng.int(1230, 1290);
    sink.add('WEIGHT', id, minute, minute, roundTo(rng.normal(levels.weightKg + 0.6, 0.3), 1));
  }
}
