const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

const STEPS: [limitSeconds: number, unit: Intl.RelativeTimeFormatUnit, seconds: number][] = [
  [60, 'second', 1],
  [3600, 'minute', 60],
  [86_400, 'hour', 3600],
  [7 * 86_400, 'day', 86_400],
  [Infinity, 'week', 7 * 86_400],
];

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago". */
export function formatRelativeTime(thenMs: number, nowMs: number): string {
  const seconds = Math.round((thenMs - nowMs) / 1000);
  // A moment after the last tick of `nowMs` is still "just now", never "in 5 seconds".
  if (seconds > -10) return 'just now';
  for (const [limit, unit, size] of STEPS) {
    if (Math.abs(seconds) < limit) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.round(seconds / (7 * 86_400)), 'week');
}
