import type { SkipReason } from '../../types.js';
import { formatAppleDate } from './apple-format.js';
import {
  nextCount,
  recordXml,
  type ElementContext,
  type ExportElement,
  type RecordSpec,
} from './record-xml.js';

const MINUTE = 60_000;

/** A record the reader must refuse, with the reason it must give. */
type Unreadable = (at: number) => {
  spec: RecordSpec;
  reason: SkipReason;
  edit?: (xml: string) => string;
};

const steps = (at: number, value = '12'): RecordSpec => ({
  type: 'HKQuantityTypeIdentifierStepCount',
  deviceId: 'demo-phone',
  unit: 'count',
  value,
  start: at,
  end: at + MINUTE,
});

const UNREADABLE: readonly Unreadable[] = [
  (at) => ({
    spec: steps(at),
    reason: 'missing-date',
    edit: (xml) => xml.replace(/ startDate="[^"]*"/, ''),
  }),
  (at) => ({ spec: steps(at, '1,204'), reason: 'bad-value' }),
  (at) => ({ spec: { ...steps(at), end: at - MINUTE }, reason: 'end-before-start' }),
  (at) => ({ spec: { ...steps(at), end: at + 26 * 60 * MINUTE }, reason: 'too-long' }),
  (at) => ({
    spec: steps(at),
    reason: 'bad-date',
    edit: (xml) =>
      xml.replace(/ endDate="[^"]*"/, ` endDate="${new Date(at + MINUTE).toISOString()}"`),
  }),
  (at) => ({ spec: { ...steps(at), unit: 'furlong' }, reason: 'unknown-unit' }),
  (at) => ({
    spec: {
      ...steps(at, '0'),
      type: 'HKQuantityTypeIdentifierHeartRate',
      unit: 'count/min',
      deviceId: 'demo-watch',
    },
    reason: 'out-of-range',
  }),
];

/** Elements that hold no sample: other types, a correlation and its copies, a workout. */
const OTHERS: ReadonlyArray<(at: number, context: ElementContext) => ExportElement> = [
  (at, context) => ({
    xml: recordXml(
      {
        type: 'HKQuantityTypeIdentifierBasalEnergyBurned',
        deviceId: 'demo-watch',
        unit: 'kcal',
        value: '1.2',
        start: at,
        end: at + MINUTE,
      },
      context,
    ),
    records: 1,
    skipped: ['unsupported-type'],
  }),
  (at, context) => ({
    xml: recordXml(
      {
        type: 'HKQuantityTypeIdentifierHeartRateVariabilitySDNN',
        deviceId: 'demo-watch',
        unit: 'ms',
        value: '48.2',
        start: at,
        end: at + MINUTE,
        children: [
          '  <HeartRateVariabilityMetadataList>',
          '   <InstantaneousBeatsPerMinute bpm="62" time="7:02:11,52 AM"/>',
          '   <InstantaneousBeatsPerMinute bpm="64" time="7:02:12,48 AM"/>',
          '  </HeartRateVariabilityMetadataList>',
        ].join('\n'),
      },
      context,
    ),
    records: 1,
    skipped: ['unsupported-type'],
  }),
  (at, context) => {
    const pressure = (kind: string, value: string) =>
      recordXml(
        {
          type: `HKQuantityTypeIdentifierBloodPressure${kind}`,
          deviceId: 'demo-scale',
          unit: 'mmHg',
          value,
          start: at,
          end: at,
        },
        context,
      );
    const when = `startDate="${formatAppleDate(at, context.offsetMinutes)}" endDate="${formatAppleDate(at, context.offsetMinutes)}"`;
    const records = pressure('Systolic', '121') + pressure('Diastolic', '79');
    return {
      xml: ` <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="Withings" ${when}>\n${records} </Correlation>\n${records}`,
      records: 4,
      skipped: ['in-correlation', 'in-correlation', 'unsupported-type', 'unsupported-type'],
    };
  },
  (at, context) => {
    const when = (from: number, to: number) =>
      `startDate="${formatAppleDate(from, context.offsetMinutes)}" endDate="${formatAppleDate(to, context.offsetMinutes)}"`;
    return {
      xml: [
        ` <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="31.5" durationUnit="min" sourceName="Anna’s Apple Watch" ${when(at, at + 31 * MINUTE)}>`,
        '  <MetadataEntry key="HKIndoorWorkout" value="0"/>',
        `  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="${formatAppleDate(at, context.offsetMinutes)}" duration="10" durationUnit="min"/>`,
        `  <WorkoutStatistics type="HKQuantityTypeIdentifierStepCount" ${when(at, at + 31 * MINUTE)} sum="3120" unit="count"/>`,
        '  <WorkoutRoute sourceName="Anna’s Apple Watch">',
        '   <FileReference path="/workout-routes/route_1.gpx"/>',
        '  </WorkoutRoute>',
        ' </Workout>',
        ' <ActivitySummary dateComponents="2024-01-01" activeEnergyBurned="412" activeEnergyBurnedGoal="500" appleExerciseTime="31" appleStandHours="11"/>',
        '',
      ].join('\n'),
      records: 0,
    };
  },
];

/**
 * One odd element near `at`: an unreadable record, another type, a correlation or a workout,
 * each kind in turn so that a few days of export hold them all.
 */
export function quirkElement(at: number, context: ElementContext): ExportElement {
  const pick = nextCount(context, 'quirk') % (UNREADABLE.length + OTHERS.length);
  const unreadable = UNREADABLE[pick];
  if (unreadable) {
    const { spec, reason, edit } = unreadable(at);
    const xml = recordXml(spec, context);
    return { xml: edit ? edit(xml) : xml, records: 1, skipped: [reason] };
  }
  const other = OTHERS[pick - UNREADABLE.length];
  return other ? other(at, context) : { xml: '', records: 0 };
}
