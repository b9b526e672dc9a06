import { METRIC_CONFIG, type HealthDataType, type HealthSample } from '@hearth/schema';

const MS_PER_MINUTE = 60_000;

/**
 * Collects generated samples. Times are given as minutes from the day's local midnight (possibly
 * negative or fractional, for the night before) and turned into UTC ISO instants here.
 */
export class SampleSink {
  readonly samples: HealthSample[] = [];
  private midnightMs = 0;

  /** Sets the UTC instant that minute 0 refers to for the following `add` calls. */
  startDay(midnightMs: number): void {
    this.midnightMs = midnightMs;
  }

  add(
    type: HealthDataType,
    deviceId: string,
    startMinute: number,
    endMinute: number,
    value: number,
  ): void {
    const startMs = this.midnightMs + Math.round(startMinute * MS_PER_MINUTE);
    const endMs = this.midnightMs + Math.round(endMinute * MS_PER_MINUTE);
    this.samples.push({
      type,
      value,
      unit: METRIC_CONFIG[type].unit,
      startDate: new Date(startMs).toISOString(),
      endDate: new Date(endMs).toISOString(),
      sourceDevice: deviceId,
    });
  }
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
