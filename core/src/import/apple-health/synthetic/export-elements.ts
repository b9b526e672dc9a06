import type { HealthDataType, HealthSample, SleepStage } from '@hearth/schema';
import { generateDemoData } from '../../../generator/generate.js';
import { createRng, hashString, mixSeed } from '../../../generator/prng.js';
import { parseInstant } from '../../../time/instant.js';
import { dayNumberToLocalDate, localDateToDayNumber } from '../../../time/civil.js';
import { quirkElement } from './quirks.js';
import {
  displayName,
  nextCount,
  recordXml,
  type ElementContext,
  type ExpectedSample,
  type ExportElement,
  type RecordSpec,
} from './record-xml.js';
import { WRITTEN_UNITS, writtenValue } from './synthetic-sources.js';

export interface SyntheticExportOptions {
  /** Any number or string; the same seed always gives the same export. */
  seed: number | string;
  /** Last local day, `YYYY-MM-DD`. */
  endDate: string;
  /** How many days, ending with `endDate` (any number: days are generated a week at a time). */
  days: number;
  /** The person's IANA zone (default Europe/Berlin). */
  timeZone?: string;
  /** The offset every date is printed with, the export's (default +01:00), whatever the season. */
  offsetMinutes?: number;
}

const BLOCK_DAYS = 7;
const WATCH_STAGES: readonly SleepStage[] = ['core', 'deep', 'core', 'rem'];
/** About seven odd elements a day among ~1,400 records: every kind within two days. */
const QUIRK_CHANCE = 1 / 200;

/**
 * The body of a synthetic Apple Health export: core's synthetic person (`generateDemoData`) as
 * Apple writes it, element by element with what the reader must make of each, a week at a time
 * so that any number of days streams in constant memory.
 */
export function* syntheticExportElements(
  options: SyntheticExportOptions,
): Generator<ExportElement> {
  const seed = typeof options.seed === 'string' ? hashString(options.seed) : options.seed >>> 0;
  const timeZone = options.timeZone ?? 'Europe/Berlin';
  const context: ElementContext = {
    rng: createRng(mixSeed(seed, 0x6170706c)),
    offsetMinutes: options.offsetMinutes ?? 60,
    counters: new Map(),
  };
  const endDay = localDateToDayNumber(options.endDate);
  const sleep = new SleepWriter(context);
  for (let first = endDay - options.days + 1; first <= endDay; first += BLOCK_DAYS) {
    const last = Math.min(endDay, first + BLOCK_DAYS - 1);
    const { samples } = generateDemoData({
      seed,
      endDate: dayNumberToLocalDate(last),
      days: last - first + 1,
      timeZone,
    });
    for (const sample of samples) {
      if (sample.type === 'SLEEP_ANALYSIS' && sample.sourceDevice === 'demo-watch') {
        yield* sleep.stage(sample);
      } else {
        yield* sleep.endNight();
        yield sampleElement(sample, context);
      }
      if (context.rng.chance(QUIRK_CHANCE))
        yield quirkElement(toSeconds(sample.startDate), context);
    }
  }
  yield* sleep.endNight();
}

/** Instants to the second, as Apple prints them. */
const toSeconds = (iso: string) => Math.round((parseInstant(iso) ?? 0) / 1000) * 1000;

const APPLE_IDENTIFIERS: Readonly<Record<HealthDataType, string>> = {
  STEPS: 'HKQuantityTypeIdentifierStepCount',
  DISTANCE: 'HKQuantityTypeIdentifierDistanceWalkingRunning',
  HEART_RATE: 'HKQuantityTypeIdentifierHeartRate',
  RESTING_HEART_RATE: 'HKQuantityTypeIdentifierRestingHeartRate',
  WEIGHT: 'HKQuantityTypeIdentifierBodyMass',
  BODY_FAT: 'HKQuantityTypeIdentifierBodyFatPercentage',
  SLEEP_ANALYSIS: 'HKCategoryTypeIdentifierSleepAnalysis',
  ACTIVE_ENERGY: 'HKQuantityTypeIdentifierActiveEnergyBurned',
  OXYGEN_SATURATION: 'HKQuantityTypeIdentifierOxygenSaturation',
  BLOOD_GLUCOSE: 'HKQuantityTypeIdentifierBloodGlucose',
};

const HEART_RATE_CONTEXT = '  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>';

/** A quantity sample of the generator as a record in one of the units Apple uses for its type. */
function sampleElement(sample: HealthSample, context: ElementContext): ExportElement {
  const start = toSeconds(sample.startDate);
  const end = toSeconds(sample.endDate);
  const kept: ExpectedSample = {
    type: sample.type,
    start,
    end,
    value: sample.value,
    sourceName: displayName(sample.sourceDevice),
  };
  if (sample.type === 'SLEEP_ANALYSIS') {
    // The band is an app that does not know stages; older apps wrote the pre-iOS 16 value.
    const older = nextCount(context, 'band sleep') % 2 === 0;
    const value = `HKCategoryValueSleepAnalysis${older ? 'Asleep' : 'AsleepUnspecified'}`;
    const spec = {
      type: APPLE_IDENTIFIERS.SLEEP_ANALYSIS,
      deviceId: sample.sourceDevice,
      unit: '',
      value,
      start,
      end,
    };
    return {
      xml: recordXml(spec, context),
      records: 1,
      kept: { ...kept, value: (end - start) / 60_000, sleepStage: 'asleep' },
    };
  }
  const units = WRITTEN_UNITS[sample.type];
  const unit =
    units[nextCount(context, `unit ${sample.sourceDevice} ${sample.type}`) % units.length] ?? '';
  const children =
    sample.type === 'HEART_RATE' && context.rng.chance(0.1) ? HEART_RATE_CONTEXT : undefined;
  const spec: RecordSpec = {
    type: APPLE_IDENTIFIERS[sample.type],
    deviceId: sample.sourceDevice,
    unit,
    value: writtenValue(sample.value, unit),
    start,
    end,
    ...(children ? { children } : {}),
  };
  return { xml: recordXml(spec, context), records: 1, kept };
}

/**
 * The watch's stages of a night (the generator's consecutive watch sleep samples, cycling core,
 * deep, core, REM), `Awake` in the gaps between them, and the iPhone's `InBed` for the night.
 */
class SleepWriter {
  private stageCount = 0;
  private nightStart = 0;
  private lastEnd = 0;

  constructor(private readonly context: ElementContext) {}

  /** A watch sleep sample as its stage, after an `Awake` for the gap before it, if any. */
  *stage(sample: HealthSample): Generator<ExportElement> {
    const start = toSeconds(sample.startDate);
    const end = toSeconds(sample.endDate);
    if (this.stageCount === 0) this.nightStart = start;
    else if (start > this.lastEnd)
      yield this.sleepElement('demo-watch', 'awake', this.lastEnd, start);
    const stage = WATCH_STAGES[this.stageCount % WATCH_STAGES.length] ?? 'core';
    this.stageCount++;
    this.lastEnd = end;
    yield this.sleepElement('demo-watch', stage, start, end);
  }

  /** The night's `InBed` once its last stage is written. */
  *endNight(): Generator<ExportElement> {
    if (this.stageCount > 0) yield this.inBed();
    this.stageCount = 0;
  }

  private inBed(): ExportElement {
    return this.sleepElement(
      'demo-phone',
      'inBed',
      this.nightStart - 12 * 60_000,
      this.lastEnd + 8 * 60_000,
    );
  }

  private sleepElement(
    deviceId: string,
    stage: SleepStage,
    start: number,
    end: number,
  ): ExportElement {
    const value = `HKCategoryValueSleepAnalysis${APPLE_STAGE_NAMES[stage]}`;
    const spec = { type: APPLE_IDENTIFIERS.SLEEP_ANALYSIS, deviceId, unit: '', value, start, end };
    return {
      xml: recordXml(spec, this.context),
      records: 1,
      kept: {
        type: 'SLEEP_ANALYSIS',
        start,
        end,
        value: (end - start) / 60_000,
        sleepStage: stage,
        sourceName: displayName(deviceId),
      },
    };
  }
}

const APPLE_STAGE_NAMES: Readonly<Record<SleepStage, string>> = {
  inBed: 'InBed',
  asleep: 'AsleepUnspecified',
  core: 'AsleepCore',
  deep: 'AsleepDeep',
  rem: 'AsleepREM',
  awake: 'Awake',
};
