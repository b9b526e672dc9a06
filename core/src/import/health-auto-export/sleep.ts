import type { SleepStage } from '@hearth/schema';
import type { HaeRawSample } from './types.js';
import { apiUnit } from './metrics.js';
import { dateField, isRecord, numberField, refuse, singleSource, type Read } from './points.js';

/** HealthKit's sleep values as HAE names them in per-stage (unaggregated) sleep. */
const STAGES: Readonly<Record<string, SleepStage>> = {
  'in bed': 'inBed',
  inbed: 'inBed',
  asleep: 'asleep',
  unspecified: 'asleep',
  'asleep unspecified': 'asleep',
  core: 'core',
  'asleep core': 'core',
  deep: 'deep',
  'asleep deep': 'deep',
  rem: 'rem',
  'asleep rem': 'rem',
  awake: 'awake',
};

export interface SleepRead {
  sample: HaeRawSample;
  source: string | null;
}

/**
 * One sleep point, in any of HAE's three shapes:
 * - per stage (aggregation off): `startDate`, `endDate`, `value` (the stage), `qty`: one sample
 *   of that stage over its interval, worth the interval (a stage sample is that stage throughout);
 * - aggregated, current: a night's `totalSleep` (or `asleep` + `core` + `deep` + `rem`), `awake`,
 *   `inBed` in `units` (hours), with `sleepStart`/`sleepEnd` and `inBedStart`/`inBedEnd`;
 * - aggregated, older: `asleep` and `inBed` with the same bounds and `sleepSource`/`inBedSource`.
 * An aggregated night says how long, not when each stage was, so it becomes ONE `asleep` sample
 * over [sleepStart, sleepEnd] worth the total (stages are not invented); a night with no asleep
 * time becomes one `inBed` sample over [inBedStart, inBedEnd]. `awake` never counts.
 */
export function readSleepPoint(point: unknown, units: string): Read<SleepRead> {
  if (!isRecord(point)) return refuse('sample-invalid-shape', 'A sleep point must be an object.');
  if (typeof point['value'] === 'string' && point['startDate'] !== undefined) {
    return readStage(point);
  }
  return readNight(point, units);
}

function readStage(point: Record<string, unknown>): Read<SleepRead> {
  const name = String(point['value']).trim().toLowerCase();
  const stage = STAGES[name];
  if (!stage) {
    return refuse('sample-invalid-value', 'The sleep value is not a stage HealthKit records.');
  }
  const start = dateField(point, 'startDate');
  if (!start.ok) return start;
  const end = dateField(point, 'endDate');
  if (!end.ok) return end;
  const minutes = (end.value.ms - start.value.ms) / 60_000;
  return {
    ok: true,
    value: {
      sample: {
        type: 'SLEEP_ANALYSIS',
        value: Math.max(0, minutes),
        unit: 'min',
        startDate: start.value.iso,
        endDate: end.value.iso,
        sleepStage: stage,
      },
      source: singleSource(point['source']),
    },
  };
}

/** A night's asleep total: `totalSleep` when given, else the asleep parts it sums. */
function asleepTotal(point: Record<string, unknown>): number | null {
  const total = numberField(point, 'totalSleep');
  if (total !== null) return total;
  const parts = ['asleep', 'core', 'deep', 'rem']
    .map((key) => numberField(point, key))
    .filter((n): n is number => n !== null);
  return parts.length === 0 ? null : parts.reduce((a, b) => a + b, 0);
}

function readNight(point: Record<string, unknown>, units: string): Read<SleepRead> {
  const asleep = asleepTotal(point);
  const inBed = numberField(point, 'inBed');
  const useAsleep = asleep !== null && asleep > 0;
  if (!useAsleep && (inBed === null || inBed <= 0)) {
    return refuse('sample-invalid-value', 'The sleep point has no asleep or in-bed time.');
  }
  const [amount, stage, sourceKeyName] = useAsleep
    ? [asleep, 'asleep' as const, 'sleepSource']
    : [inBed as number, 'inBed' as const, 'inBedSource'];
  // Since v6.6.2 a night may carry only `sleepStart`/`sleepEnd` (no `inBedStart`/`inBedEnd`):
  // a night of time in bed alone then has its bounds there.
  const inBedBounds = point['inBedStart'] !== undefined || point['sleepStart'] === undefined;
  const [from, to] =
    useAsleep || !inBedBounds ? ['sleepStart', 'sleepEnd'] : ['inBedStart', 'inBedEnd'];
  const start = dateField(point, from);
  if (!start.ok) return start;
  const end = dateField(point, to);
  if (!end.ok) return end;
  return {
    ok: true,
    value: {
      sample: {
        type: 'SLEEP_ANALYSIS',
        value: amount,
        unit: apiUnit(units, amount),
        startDate: start.value.iso,
        endDate: end.value.iso,
        sleepStage: stage,
      },
      source: singleSource(point['source'] ?? point[sourceKeyName]),
    },
  };
}
