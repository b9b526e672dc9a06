import type { HealthAggregate, HealthDataType, HealthInsight, LocalDate } from '@hearth/schema';

const MS_PER_DAY = 86_400_000;
const LOCAL_DATE_PREFIX = /^\d{4}-\d{2}-\d{2}/;

/** The local date `days` after (or before, if negative) a `YYYY-MM-DD` date. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day rollups by type and local date. A day bucket's `periodStart` begins with its local date. */
export type DayIndex = ReadonlyMap<HealthDataType, ReadonlyMap<LocalDate, HealthAggregate>>;

export function indexDayRollups(rollups: readonly HealthAggregate[], today: LocalDate): DayIndex {
  const index = new Map<HealthDataType, Map<LocalDate, HealthAggregate>>();
  for (const rollup of rollups) {
    if (rollup.period !== 'day' || !LOCAL_DATE_PREFIX.test(rollup.periodStart)) continue;
    const date = rollup.periodStart.slice(0, 10);
    // Days after `today` cannot have happened yet; ignore them rather than trust them.
    if (date > today) continue;
    let byDate = index.get(rollup.type);
    if (!byDate) index.set(rollup.type, (byDate = new Map<LocalDate, HealthAggregate>()));
    byDate.set(date, rollup);
  }
  return index;
}

/** The values of the days from `first` to `last` (both included) that have a rollup. */
export function valuesBetween(
  days: ReadonlyMap<LocalDate, HealthAggregate> | undefined,
  first: LocalDate,
  last: LocalDate,
): number[] {
  const values: number[] = [];
  if (!days) return values;
  for (let date = first; date <= last; date = addDays(date, 1)) {
    const rollup = days.get(date);
    if (rollup) values.push(rollup.value);
  }
  return values;
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

type InsightFields = Omit<HealthInsight, 'id' | 'createdAt' | 'acknowledged'>;

/** Fills the fields every insight derives the same way: a stable id and a clock-free createdAt. */
export function makeInsight(fields: InsightFields): HealthInsight {
  return {
    ...fields,
    id: `${fields.type}:${fields.subject}:${fields.date}`,
    acknowledged: false,
    createdAt: `${fields.date}T00:00:00.000Z`,
  };
}
