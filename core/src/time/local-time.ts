import type { LocalDate } from '@hearth/schema';
import { civilFromDays, dayNumberToLocalDate, MS_PER_DAY, MS_PER_HOUR } from './civil.js';
import { TimeError } from './errors.js';
import { zoneOffsets } from './zone-offsets.js';

/**
 * "Wall time": the local clock reading of an instant, written as epoch ms as if that reading were
 * UTC. Flooring and adding calendar units happens on wall times; converting back needs the offset.
 */
export function wallTimeOf(ms: number, timeZone: string): number {
  return ms + zoneOffsets(timeZone).offsetAt(ms);
}

/** The UTC offset (ms) in force at an instant. */
export function offsetAt(ms: number, timeZone: string): number {
  return zoneOffsets(timeZone).offsetAt(ms);
}

/** The local calendar date (`YYYY-MM-DD`) of an instant. */
export function localDateOf(ms: number, timeZone: string): LocalDate {
  return dayNumberToLocalDate(Math.floor(wallTimeOf(ms, timeZone) / MS_PER_DAY));
}

/** Longest plausible jump of a zone's clock plus its largest offset: bounds the search below. */
const SEARCH_MARGIN_MS = 50 * MS_PER_HOUR;

/**
 * The earliest instant whose wall time is at or after `wall`. For a wall time in a spring-forward
 * gap (or a skipped midnight) that is the first instant that exists after it; for a repeated wall
 * time it is the first occurrence.
 */
export function resolveWallTime(wall: number, timeZone: string): number {
  const zone = zoneOffsets(timeZone);
  let from = wall - SEARCH_MARGIN_MS;
  const limit = wall + SEARCH_MARGIN_MS;
  while (from < limit) {
    const next = zone.firstTransitionIn(from, limit);
    const until = Number.isNaN(next) ? limit : next;
    const candidate = Math.max(from, wall - zone.offsetAt(from));
    if (candidate < until) return candidate;
    from = until;
  }
  throw new TimeError('unresolvable-local-time', `No instant shows that local time in ${timeZone}`);
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const totalSeconds = Math.round(Math.abs(offsetMs) / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  // Only historical local mean times have second offsets; ISO has no field for them otherwise.
  return `${sign}${pad(hours)}:${pad(minutes)}${seconds ? `:${pad(seconds)}` : ''}`;
}

/**
 * ISO 8601 with the offset in force at the instant: `2026-03-08T00:00:00-05:00`. Never `Z`
 * (UTC is `+00:00`); milliseconds only when they are not zero.
 */
export function formatInstant(ms: number, timeZone: string): string {
  const offset = zoneOffsets(timeZone).offsetAt(ms);
  const wall = ms + offset;
  const dayNumber = Math.floor(wall / MS_PER_DAY);
  const { year, month, day } = civilFromDays(dayNumber);
  const msOfDay = wall - dayNumber * MS_PER_DAY;
  const hour = Math.floor(msOfDay / MS_PER_HOUR);
  const minute = Math.floor((msOfDay % MS_PER_HOUR) / 60_000);
  const second = Math.floor((msOfDay % 60_000) / 1000);
  const millis = msOfDay % 1000;
  const fraction = millis ? `.${pad(millis, 3)}` : '';
  return (
    `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}` +
    `${fraction}${formatOffset(offset)}`
  );
}
