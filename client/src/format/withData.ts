import { format } from './currentFormat.js';

/**
 * "5 days with data", "1 day with data": the label every average over days with data carries,
 * in trends and on the share viewer alike, so nobody reads it as an average over the whole range.
 */
export function withDataLabel(count: number, noun = 'day'): string {
  return `${format().number(count)} ${count === 1 ? noun : `${noun}s`} with data`;
}
