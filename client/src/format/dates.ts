import type { AggregationPeriod, HourCycle } from '@hearth/schema';

type DateStyle =
  | 'day'
  | 'long-day'
  | 'full-day'
  | 'date-time'
  | 'date-time-seconds'
  | 'time'
  | 'short-day'
  | 'month';

const STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  day: { day: 'numeric', month: 'short', year: 'numeric' },
  'short-day': { weekday: 'short', day: 'numeric', month: 'short' },
  'long-day': { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  'full-day': { dateStyle: 'full' },
  'date-time': { dateStyle: 'medium', timeStyle: 'short' },
  'date-time-seconds': { dateStyle: 'medium', timeStyle: 'medium' },
  // Replaced per hour cycle (timeOfDay).
  time: { hour: 'numeric', minute: '2-digit' },
  month: { month: 'long', year: 'numeric' },
};

const AXIS: Record<AggregationPeriod, Intl.DateTimeFormatOptions> = {
  hour: { hour: 'numeric', minute: '2-digit' },
  day: { day: 'numeric', month: 'short' },
  week: { day: 'numeric', month: 'short' },
  month: { month: 'short', year: 'numeric' },
};

const BUCKET: Record<AggregationPeriod, Intl.DateTimeFormatOptions> = {
  hour: {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  },
  day: STYLES['long-day'],
  week: { day: 'numeric', month: 'long', year: 'numeric' },
  month: STYLES.month,
};

const RELATIVE_STEPS: [limitSeconds: number, unit: Intl.RelativeTimeFormatUnit, seconds: number][] =
  [
    [60, 'second', 1],
    [3600, 'minute', 60],
    [86_400, 'hour', 3600],
    [7 * 86_400, 'day', 86_400],
    [Infinity, 'week', 7 * 86_400],
  ];

/**
 * A time of day alone. On a 24-hour clock, the locale's own short time: `hour: 'numeric'` there
 * drops the leading zero most 24-hour locales write ("7:05" for en-GB's "07:05", de-DE's
 * "07:05"), while `timeStyle` keeps each locale's pattern (and ja-JP's "7:05"). On a 12-hour
 * clock `hour: 'numeric'`: a 24-hour locale's pattern with am/pm reads "07:05 am".
 */
function timeOfDay(hourCycle: HourCycle): Intl.DateTimeFormatOptions {
  return hourCycle === 'h23' ? { timeStyle: 'short' } : { hour: 'numeric', minute: '2-digit' };
}

/** Dates and times in one locale and hour cycle; every formatter cached by its options. */
export function dateFormats(locale: string, hourCycle: HourCycle) {
  const styles: Record<DateStyle, Intl.DateTimeFormatOptions> = {
    ...STYLES,
    time: timeOfDay(hourCycle),
  };
  const axis: Record<AggregationPeriod, Intl.DateTimeFormatOptions> = {
    ...AXIS,
    hour: timeOfDay(hourCycle),
  };
  const cache = new Map<string, Intl.DateTimeFormat>();
  const get = (options: Intl.DateTimeFormatOptions, timeZone: string | undefined) => {
    const key = `${JSON.stringify(options)}|${timeZone ?? ''}`;
    let found = cache.get(key);
    if (!found) {
      // `hourCycle` next to `timeStyle` is allowed; it only matters where hours are shown.
      found = new Intl.DateTimeFormat(locale, {
        ...options,
        hourCycle,
        ...(timeZone ? { timeZone } : {}),
      });
      cache.set(key, found);
    }
    return found;
  };
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });

  return {
    /** "3 Dec 2026", "Thursday, 3 December 2026", "3 Dec 2026, 14:05", "2:05 PM". */
    date: (ms: number, style: DateStyle, timeZone?: string): string =>
      get(styles[style], timeZone).format(ms),
    /** A range of instants the locale's way ("2:05 – 3:10 PM"). */
    timeRange: (startMs: number, endMs: number, timeZone?: string): string =>
      get(styles.time, timeZone).formatRange(startMs, Math.max(startMs, endMs)),
    /**
     * An axis tick for a bucket. Days and weeks carry the year when the axis spans more than one
     * (a tick "26 Dec" alone hides which December), months always do.
     */
    axisDate: (period: AggregationPeriod, ms: number, timeZone: string, spansYears: boolean) =>
      get(
        spansYears && (period === 'day' || period === 'week')
          ? { ...axis[period], year: 'numeric' }
          : axis[period],
        timeZone,
      ).format(ms),
    /** What a tooltip or table row calls a bucket: "Monday 3 March 2026", "Week of 2 March 2026". */
    bucketName: (period: AggregationPeriod, ms: number, timeZone: string): string => {
      const text = get(BUCKET[period], timeZone).format(ms);
      return period === 'week' ? `Week of ${text}` : text;
    },
    /** "just now", "5 minutes ago", "yesterday", "in 1 hour": Intl's grammar, never "a hour". */
    relativeTime: (thenMs: number, nowMs: number): string => {
      const seconds = Math.round((thenMs - nowMs) / 1000);
      // A moment after the last tick of `nowMs` is still "just now", never "in 5 seconds".
      if (seconds > -10) return relative.format(0, 'second');
      for (const [limit, unit, size] of RELATIVE_STEPS) {
        if (Math.abs(seconds) < limit) return relative.format(Math.round(seconds / size), unit);
      }
      return relative.format(Math.round(seconds / (7 * 86_400)), 'week');
    },
  };
}
