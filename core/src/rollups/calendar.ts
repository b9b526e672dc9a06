import type { LocalDate } from '@hearth/schema';
import { startOfLocalDate } from '../time/buckets.js';
import { formatInstant, localDateOf } from '../time/local-time.js';
import { sleepDayOf } from '../time/rollup-days.js';

/**
 * Per-call memo of the zone lookups a rollup repeats for every type: the (sleep) day of an hour,
 * the start of a date, the ISO text of a bucket start. Ten types share the same few thousand hours.
 */
export class RollupCalendar {
  private readonly dayOfHour = new Map<number, LocalDate>();
  private readonly sleepDayOfHour = new Map<number, LocalDate>();
  private readonly dateStarts = new Map<LocalDate, number>();
  private readonly isoTexts = new Map<number, string>();

  constructor(readonly timeZone: string) {}

  /** The day an hour bucket belongs to: its local date, or its sleep day for sleep. */
  dayOf(hourStart: number, sleep: boolean): LocalDate {
    const memo = sleep ? this.sleepDayOfHour : this.dayOfHour;
    let day = memo.get(hourStart);
    if (day === undefined) {
      day = sleep ? sleepDayOf(hourStart, this.timeZone) : localDateOf(hourStart, this.timeZone);
      memo.set(hourStart, day);
    }
    return day;
  }

  startOf(date: LocalDate): number {
    let start = this.dateStarts.get(date);
    if (start === undefined) {
      start = startOfLocalDate(date, this.timeZone);
      this.dateStarts.set(date, start);
    }
    return start;
  }

  iso(ms: number): string {
    let text = this.isoTexts.get(ms);
    if (text === undefined) {
      text = formatInstant(ms, this.timeZone);
      this.isoTexts.set(ms, text);
    }
    return text;
  }
}
