import type { SleepNight } from '@hearth/core';
import type { LocalDate, SleepStage } from '@hearth/schema';
import { format } from '../format/currentFormat.js';

/** Hypnogram rows, top to bottom: lighter sleep higher, as sleep apps draw it. */
export const HYPNOGRAM_ROWS = ['awake', 'rem', 'core', 'deep', 'asleep'] as const;
export type HypnogramRow = (typeof HYPNOGRAM_ROWS)[number];

/** Stacked bars, bottom to top: deep first, awake last. */
export const STACK_ORDER = ['deep', 'core', 'rem', 'asleep', 'awake'] as const;

export const STAGE_LABEL: Record<SleepStage, string> = {
  awake: 'Awake',
  rem: 'REM',
  core: 'Core',
  deep: 'Deep',
  asleep: 'Asleep, no stage',
  inBed: 'In bed',
};

/** The rows a night needs: "asleep, no stage" only for sources that record none. */
export function hypnogramRows(night: SleepNight): HypnogramRow[] {
  return HYPNOGRAM_ROWS.filter((row) => row !== 'asleep' || night.minutes.asleep > 0);
}

/** A local date as "Thu 15 Jan" (noon UTC names the same date in every zone). */
export function shortDate(date: LocalDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return format().date(Date.UTC(year, month - 1, day, 12), 'short-day', 'UTC');
}

/** A night goes by the date it ends on, as its day rollup does (core/src/time/rollup-days.ts). */
export function nightName(night: SleepNight): string {
  return shortDate(night.night);
}

/** Bedtime and wake time in the person's clock. */
export function bedAndWake(night: SleepNight, timeZone: string) {
  const f = format();
  return {
    bedtime: f.date(night.bedtimeMs, 'time', timeZone),
    wake: f.date(night.wakeMs, 'time', timeZone),
  };
}

/** The stages of one night in words, for screen readers and the figures table. */
export function nightSummary(night: SleepNight, timeZone: string): string {
  const f = format();
  const { bedtime, wake } = bedAndWake(night, timeZone);
  const parts = STACK_ORDER.filter((stage) => night.minutes[stage] > 0).map(
    (stage) =>
      `${stage === 'rem' ? 'REM' : STAGE_LABEL[stage].toLowerCase()} ${f.duration(night.minutes[stage])}`,
  );
  const inBed = night.minutes.inBed > 0 ? `, in bed ${f.duration(night.minutes.inBed)}` : '';
  const stages = parts.length > 0 ? `: ${parts.join(', ')}` : '';
  return `Night ending ${nightName(night)}: bedtime ${bedtime}, wake time ${wake}. Asleep ${f.duration(night.asleepMinutes)}${inBed}${stages}.`;
}
