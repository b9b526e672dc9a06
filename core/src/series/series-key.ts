import type { HealthDataType } from '@hearth/schema';

export const MS_PER_HOUR = 3_600_000;

/** Epoch ms of the UTC hour holding `ms` (works for instants before 1970, too). */
export function utcHourStart(ms: number): number {
  return Math.floor(ms / MS_PER_HOUR) * MS_PER_HOUR;
}

/** The stable id of a series: one device, one type, one UTC hour. */
export function seriesId(deviceId: string, type: HealthDataType, hourStartMs: number): string {
  return `${deviceId}|${type}|${hourStartMs}`;
}
