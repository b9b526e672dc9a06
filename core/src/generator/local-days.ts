/**
 * The few calendar helpers the generator needs: local dates as day numbers, and the UTC instant of
 * a local midnight in an IANA zone. Only `Intl` is used (no clock), a handful of calls per day.
 */
const MS_PER_DAY = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a `YYYY-MM-DD` calendar date, or null if it is not a real date. */
export function localDateToDayNumber(date: string): number | null {
  const match = LOCAL_DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC rolls 2026-02-30 over into March; a real date survives the round trip.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

export function dayNumberToLocalDate(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day of the week of a day number, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCDay();
}

export type ZoneOffsetFn = (utcMs: number) => number;

/** Returns a function giving the zone's offset from UTC (ms, east positive) at an instant. */
export function zoneOffsetFunction(timeZone: string): ZoneOffsetFn {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (utcMs) => {
    const fields: Record<string, number> = {};
    for (const part of format.formatToParts(utcMs)) fields[part.type] = Number(part.value);
    const wallClockAsUtc = Date.UTC(
      fields['year'] ?? 1970,
      (fields['month'] ?? 1) - 1,
      fields['day'] ?? 1,
      fields['hour'] ?? 0,
      fields['minute'] ?? 0,
      fields['second'] ?? 0,
    );
    return wallClockAsUtc - (utcMs - (((utcMs % 1000) + 1000) % 1000));
  };
}

/**
 * UTC instant of 00:00 local time on a day. Where midnight does not exist (a DST gap at
 * midnight), this is the first instant after the gap, as the second estimate lands there.
 */
export function localMidnightUtc(dayNumber: number, offsetAt: ZoneOffsetFn): number {
  const wallClock = dayNumber * MS_PER_DAY;
  const first = wallClock - offsetAt(wallClock);
  return wallClock - offsetAt(first);
}
