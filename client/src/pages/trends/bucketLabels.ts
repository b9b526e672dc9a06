import type { AggregationPeriod } from '@hearth/schema';

type Formatters = { axis: Intl.DateTimeFormat; long: Intl.DateTimeFormat };
const cache = new Map<string, Formatters>();

const OPTIONS: Record<
  AggregationPeriod,
  { axis: Intl.DateTimeFormatOptions; long: Intl.DateTimeFormatOptions }
> = {
  hour: {
    axis: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    long: {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    },
  },
  day: {
    axis: { day: 'numeric', month: 'short' },
    long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  },
  week: {
    axis: { day: 'numeric', month: 'short' },
    long: { day: 'numeric', month: 'long', year: 'numeric' },
  },
  month: {
    axis: { month: 'short', year: '2-digit' },
    long: { month: 'long', year: 'numeric' },
  },
};

function formatters(period: AggregationPeriod, timeZone: string): Formatters {
  const key = `${period}|${timeZone}`;
  let found = cache.get(key);
  if (!found) {
    const { axis, long } = OPTIONS[period];
    found = {
      axis: new Intl.DateTimeFormat('en-GB', { ...axis, timeZone }),
      long: new Intl.DateTimeFormat('en-GB', { ...long, timeZone }),
    };
    cache.set(key, found);
  }
  return found;
}

/** Short text under an axis tick: "14:00", "3 Mar", "Mar 26". */
export function axisLabel(period: AggregationPeriod, startMs: number, timeZone: string): string {
  return formatters(period, timeZone).axis.format(startMs);
}

/** What a tooltip or table row calls a bucket: "Monday 3 March 2026", "Week of 2 March 2026". */
export function bucketName(period: AggregationPeriod, startMs: number, timeZone: string): string {
  const text = formatters(period, timeZone).long.format(startMs);
  return period === 'week' ? `Week of ${text}` : text;
}
