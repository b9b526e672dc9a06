import { format } from './currentFormat.js';

/** "now", "5 minutes ago", "yesterday", "3 weeks ago", in the person's locale. */
export function formatRelativeTime(thenMs: number, nowMs: number): string {
  return format().relativeTime(thenMs, nowMs);
}
