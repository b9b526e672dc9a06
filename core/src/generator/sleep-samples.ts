import type { DayPlan } from './day-plan.js';
import { DEMO_DEVICES } from './demo-devices.js';
import type { Rng } from './prng.js';
import { clamp, roundTo, type SampleSink } from './sample-sink.js';
import type { Timeline } from './timeline.js';

/**
 * The watch's sleep stages for the night ending on this day: ~90-minute cycles of core, deep,
 * core and REM sleep, with short awakenings between some cycles (left as gaps). Each stage is one
 * sample whose value is its length in minutes, so the night spans midnight in several samples.
 */
export function emitWatchSleep(sink: SampleSink, t: Timeline, plan: DayPlan, rng: Rng): void {
  const id = DEMO_DEVICES.watch.id;
  const wake = t.firstMinute + t.wakeIndex;
  let minute = t.firstMinute + plan.sleepLatency;
  for (let cycle = 0; minute < wake; cycle++) {
    const deep = cycle < 3 ? rng.int(15, 30) : rng.int(0, 8);
    const stages = [rng.int(30, 50), deep, rng.int(5, 15), rng.int(10, 20) + cycle * 5];
    for (const length of stages) {
      const end = Math.min(wake, minute + length);
      if (end > minute) sink.add('SLEEP_ANALYSIS', id, minute, end, end - minute);
      minute = end;
    }
    if (rng.chance(0.3)) minute += rng.int(2, 6);
  }
}

/** The band reports the same night more coarsely: 2–4 blocks, with its own idea of the edges. */
export function emitBandSleep(sink: SampleSink, t: Timeline, plan: DayPlan, rng: Rng): void {
  const id = DEMO_DEVICES.band.id;
  const onset = t.firstMinute + plan.sleepLatency + rng.int(-8, 8);
  const wake = t.firstMinute + t.wakeIndex + rng.int(-6, 6);
  const blocks = rng.int(2, 4);
  const blockLength = (wake - onset) / blocks;
  for (let b = 0; b < blocks; b++) {
    const start = Math.round(onset + b * blockLength);
    const end = b === blocks - 1 ? wake : Math.round(onset + (b + 1) * blockLength) - rng.int(0, 5);
    if (end > start) sink.add('SLEEP_ANALYSIS', id, start, end, end - start);
  }
}

/**
 * Blood oxygen during sleep, every 30–60 minutes (watch) or hourly (band). On a low-oxygen night
 * a few readings dip below 92 %.
 */
export function emitNightOxygen(
  sink: SampleSink,
  t: Timeline,
  plan: DayPlan,
  deviceId: string,
  rng: Rng,
): void {
  const hourly = deviceId === DEMO_DEVICES.band.id;
  for (let i = plan.sleepLatency + 20; i < t.wakeIndex; i += hourly ? 60 : rng.int(30, 60)) {
    const dip = plan.lowOxygenNight && rng.chance(0.4);
    const value = dip ? rng.uniform(87, 91) : clamp(rng.normal(96.5, 1), 92.5, 100);
    const minute = t.firstMinute + i + (hourly ? 0.25 : 0);
    sink.add('OXYGEN_SATURATION', deviceId, minute, minute, roundTo(value, hourly ? 0 : 1));
  }
}
