import type { DayLevels } from './person.js';
import { DEMO_DEVICES } from './demo-devices.js';
import type { Rng } from './prng.js';
import { clamp, type SampleSink } from './sample-sink.js';
import type { Timeline } from './timeline.js';

/** Heart rate at minute `i`: near resting while asleep, rising with cadence while awake. */
function heartRateAt(t: Timeline, i: number, levels: DayLevels, rng: Rng): number {
  const resting = levels.restingHeartRate;
  if (i < t.wakeIndex) return Math.round(clamp(rng.normal(resting - 4, 2), 38, 120));
  const effort = (t.cadence[i] ?? 0) * 0.3 + (t.running[i] ? 35 : 0);
  return Math.round(clamp(rng.normal(resting + 10 + effort, 4), 40, 195));
}

/**
 * The watch reads heart rate every 3–5 minutes while worn (instantaneous samples). The phone
 * mirrors about 40 % of the daytime readings with exactly the same start and end: the same
 * measurement seen through two sources, which rollups must count once.
 */
export function emitWatchHeartRate(
  sink: SampleSink,
  t: Timeline,
  levels: DayLevels,
  rng: Rng,
): void {
  const watch = DEMO_DEVICES.watch.id;
  const phone = DEMO_DEVICES.phone.id;
  for (let i = rng.int(0, 4); i < t.length; i += rng.int(3, 5)) {
    if (!t.watchOn[i]) continue;
    const minute = t.firstMinute + i + rng.int(0, 59) / 60;
    const bpm = heartRateAt(t, i, levels, rng);
    sink.add('HEART_RATE', watch, minute, minute, bpm);
    if (i >= t.wakeIndex && rng.chance(0.4)) sink.add('HEART_RATE', phone, minute, minute, bpm);
  }
}

/** The band reads every 10 minutes on the days it is worn, at its own moments. */
export function emitBandHeartRate(
  sink: SampleSink,
  t: Timeline,
  levels: DayLevels,
  rng: Rng,
): void {
  const band = DEMO_DEVICES.band.id;
  for (let i = 3; i < t.length; i += 10) {
    const minute = t.firstMinute + i + 0.5;
    sink.add('HEART_RATE', band, minute, minute, heartRateAt(t, i, levels, rng));
  }
}

/** One resting heart rate per day the watch is worn, computed after waking. */
export function emitRestingHeartRate(
  sink: SampleSink,
  t: Timeline,
  levels: DayLevels,
  rng: Rng,
): void {
  const minute = t.firstMinute + t.wakeIndex + 30;
  const bpm = Math.round(clamp(rng.normal(levels.restingHeartRate, 1.2), 35, 110));
  sink.add('RESTING_HEART_RATE', DEMO_DEVICES.watch.id, minute, minute, bpm);
}
