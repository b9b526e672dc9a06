/**
 * A fixed-offset zone in which it is early afternoon now, so "03:00 today" is always in the
 * past and in the demo person's night (no device counts steps then). `Etc/GMT-3` is UTC+3.
 */
export function afternoonZone(now = new Date()): string {
  let offset = 14 - now.getUTCHours();
  if (offset < -12) offset += 24;
  if (offset === 0) return 'Etc/GMT';
  return `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** Today's local date in `timeZone`, `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(now);
}

/** A fixed-offset zone in which it is just after midnight now (00:00–00:59): a morning's first look. */
export function justAfterMidnightZone(now = new Date()): string {
  let offset = -now.getUTCHours();
  if (offset < -12) offset += 24;
  if (offset === 0) return 'Etc/GMT';
  return `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}
