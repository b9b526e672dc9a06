import { DEMO_DEVICES } from './demo-devices.js';
import type { Rng } from './prng.js';
import { roundTo, type SampleSink } from './sample-sink.js';
import { metresAt, type Timeline } from './timeline.js';

/**
 * The watch records movement in short intervals (1–4 min) while it is worn: steps and distance
 * when the person moved, active energy for every interval.
 */
export function emitWatchActivity(sink: SampleSink, t: Timeline, rng: Rng): void {
  const id = DEMO_DEVICES.watch.id;
  let i = t.wakeIndex;
  while (i < t.length) {
    if (!t.watchOn[i]) {
      i++;
      continue;
    }
    let end = Math.min(t.length, i + rng.int(1, 4));
    for (let k = i + 1; k < end; k++) {
      if (!t.watchOn[k]) end = k;
    }
    let steps = 0;
    let metres = 0;
    let kcal = 0;
    for (let k = i; k < end; k++) {
      steps += t.cadence[k] ?? 0;
      metres += metresAt(t, k);
      kcal += t.activeKcal[k] ?? 0;
    }
    const start = t.firstMinute + i;
    const stop = t.firstMinute + end;
    if (Math.round(steps) >= 1) {
      sink.add('STEPS', id, start, stop, Math.round(steps));
      sink.add('DISTANCE', id, start, stop, roundTo(metres, 1));
    }
    sink.add('ACTIVE_ENERGY', id, start, stop, roundTo(kcal, 2));
    i = end;
  }
}

/**
 * Counts steps seen by a device that aggregates fixed clock windows (phone: 10 min, band: 15 min).
 * `seen` says which minutes the device was on the person; `gain` is its counting bias.
 */
function emitWindowedSteps(
  sink: SampleSink,
  t: Timeline,
  rng: Rng,
  device: { id: string; windowMinutes: number; gain: number; withDistance: boolean },
  seen: (i: number) => boolean,
): void {
  const size = device.windowMinutes;
  const firstWake = t.firstMinute + t.wakeIndex;
  const lastMinute = t.firstMinute + t.length;
  for (let w = Math.floor(firstWake / size) * size; w < lastMinute; w += size) {
    let steps = 0;
    let metres = 0;
    for (let m = Math.max(w, firstWake); m < w + size && m < lastMinute; m++) {
      const i = m - t.firstMinute;
      if (!seen(i)) continue;
      steps += t.cadence[i] ?? 0;
      metres += metresAt(t, i);
    }
    const noise = 1 + rng.normal(0, 0.03);
    const counted = Math.round(steps * device.gain * noise);
    if (counted < 1) continue;
    sink.add('STEPS', device.id, w, w + size, counted);
    if (device.withDistance) {
      sink.add('DISTANCE', device.id, w, w + size, roundTo(metres * 1.04 * noise, 1));
    }
  }
}

/** The phone counts a little under the truth (it misses steps taken while held or on a desk). */
export function emitPhoneActivity(sink: SampleSink, t: Timeline, rng: Rng): void {
  const phone = { id: DEMO_DEVICES.phone.id, windowMinutes: 10, gain: 0.93, withDistance: true };
  emitWindowedSteps(sink, t, rng, phone, (i) => t.phoneCarried[i] === 1);
}

/** The band overcounts a little (arm swings) and reports steps only. */
export function emitBandActivity(sink: SampleSink, t: Timeline, rng: Rng): void {
  const band = { id: DEMO_DEVICES.band.id, windowMinutes: 15, gain: 1.06, withDistance: false };
  emitWindowedSteps(sink, t, rng, band, () => true);
}
