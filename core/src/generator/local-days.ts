import { MS_PER_DAY } from '../time/civil.js';
import type { ZoneOffsets } from '../time/zone-offsets.js';

/**
 * The instant the generator counts a day's minutes from (day numbers count days since
 * 1970-01-01): 00:00 on the local clock, read with the offset in force after it. On most days
 * that is local midnight. On a day whose midnight the clock skips (00:00 jumps to 01:00) it is an
 * hour before the jump, so that every minute after the jump still reads as the same wall-clock
 * time (minute 420 is 07:00), and only the first hour falls on the evening before.
 */
export function minuteZeroOfDay(dayNumber: number, zone: ZoneOffsets): number {
  const wallClock = dayNumber * MS_PER_DAY;
  const first = wallClock - zone.offsetAt(wallClock);
  return wallClock - zone.offsetAt(first);
}
