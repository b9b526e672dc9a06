import { describe, expect, it } from 'vitest';
import { exportXml, readAll, record } from './test-helpers.js';

const WATCH = 'Anna’s Apple Watch';
const WATCH_DEVICE = (address: string) =>
  `&lt;&lt;HKDevice: 0x${address}&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:8.5.1&gt;`;

function quantity(type: string, unit: string, value: string, extra: Record<string, string> = {}) {
  return record({
    type: `HKQuantityTypeIdentifier${type}`,
    sourceName: WATCH,
    sourceVersion: '8.5.1',
    device: WATCH_DEVICE('283fb5e00'),
    unit,
    creationDate: '2021-03-07 23:20:00 +0100',
    startDate: '2021-03-07 23:00:00 +0100',
    endDate: '2021-03-07 23:10:00 +0100',
    value,
    ...extra,
  });
}

const start = Date.parse('2021-03-07T22:00:00Z');
const end = Date.parse('2021-03-07T22:10:00Z');

describe('the Apple Health reader on plain XML', () => {
  it('reads the ten types in their canonical units', () => {
    const { samples, summary } = readAll(
      exportXml(
        [
          quantity('StepCount', 'count', '426'),
          quantity('DistanceWalkingRunning', 'km', '1.5'),
          quantity('DistanceWalkingRunning', 'mi', '1'),
          quantity('HeartRate', 'count/min', '61'),
          quantity('RestingHeartRate', 'count/min', '52'),
          quantity('BodyMass', 'lb', '150'),
          quantity('BodyFatPercentage', '%', '0.21'),
          quantity('ActiveEnergyBurned', 'kJ', '418.4'),
          quantity('ActiveEnergyBurned', 'Cal', '12'),
          quantity('OxygenSaturation', '%', '0.97'),
          quantity('BloodGlucose', 'mmol&lt;180.1558800000541&gt;/L', '5.5'),
          quantity('BloodGlucose', 'mg/dL', '99'),
        ].join('\n'),
      ),
    );
    const values = samples.map((s) => [s.type, s.value]);
    expect(values).toEqual([
      ['STEPS', 426],
      ['DISTANCE', 1500],
      ['DISTANCE', 1609.344],
      ['HEART_RATE', 61],
      ['RESTING_HEART_RATE', 52],
      ['WEIGHT', 150 * 0.45359237],
      ['BODY_FAT', 21],
      ['ACTIVE_ENERGY', 418.4 / 4.184],
      ['ACTIVE_ENERGY', 12],
      ['OXYGEN_SATURATION', 97],
      ['BLOOD_GLUCOSE', 5.5 * 18.01558800000541],
      ['BLOOD_GLUCOSE', 99],
    ]);
    expect(samples.every((s) => s.start === start && s.end === end && s.source === 0)).toBe(true);
    expect(summary).toMatchObject({ records: 12, samples: 12, skipped: {} });
    expect(summary.byType.DISTANCE).toEqual({ kept: 2, skipped: {} });
  });

  it('reads sleep stages; the value is the interval in minutes', () => {
    const sleep = (value: string, from: string, to: string) =>
      record({
        type: 'HKCategoryTypeIdentifierSleepAnalysis',
        sourceName: WATCH,
        startDate: from,
        endDate: to,
        value: `HKCategoryValueSleepAnalysis${value}`,
      });
    const { samples } = readAll(
      exportXml(
        [
          sleep('InBed', '2021-03-07 23:00:00 +0100', '2021-03-08 07:00:00 +0100'),
          sleep('Asleep', '2021-03-07 23:10:00 +0100', '2021-03-07 23:40:00 +0100'),
          sleep('AsleepUnspecified', '2021-03-07 23:40:00 +0100', '2021-03-07 23:50:00 +0100'),
          sleep('AsleepCore', '2021-03-07 23:50:00 +0100', '2021-03-08 00:35:00 +0100'),
          sleep('AsleepDeep', '2021-03-08 00:35:00 +0100', '2021-03-08 01:00:00 +0100'),
          sleep('AsleepREM', '2021-03-08 01:00:00 +0100', '2021-03-08 01:20:00 +0100'),
          sleep('Awake', '2021-03-08 01:20:00 +0100', '2021-03-08 01:23:30 +0100'),
          sleep('Napping', '2021-03-08 01:20:00 +0100', '2021-03-08 01:23:00 +0100'),
        ].join('\n'),
      ),
    );
    expect(samples.map((s) => [s.sleepStage, s.value])).toEqual([
      ['inBed', 480],
      ['asleep', 30],
      ['asleep', 10],
      ['core', 45],
      ['deep', 25],
      ['rem', 20],
      ['awake', 3.5],
    ]);
    expect(samples.every((s) => s.type === 'SLEEP_ANALYSIS')).toBe(true);
  });

  it('counts other types and correlation children once, and skips them', () => {
    const pressure = (kind: string, value: string) =>
      record({
        type: `HKQuantityTypeIdentifierBloodPressure${kind}`,
        sourceName: WATCH,
        unit: 'mmHg',
        startDate: '2021-03-07 23:00:00 +0100',
        endDate: '2021-03-07 23:00:00 +0100',
        value,
      });
    const body = [
      ' <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="Omron" startDate="2021-03-07 23:00:00 +0100" endDate="2021-03-07 23:00:00 +0100">',
      pressure('Systolic', '120'),
      pressure('Diastolic', '80'),
      ' </Correlation>',
      pressure('Systolic', '120'),
      pressure('Diastolic', '80'),
      ' <Correlation type="HKCorrelationTypeIdentifierFood" sourceName="App">',
      quantity('BodyMass', 'kg', '70'),
      ' </Correlation>',
      quantity('BodyMass', 'kg', '70'),
      ' <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" startDate="2021-03-07 23:00:00 +0100" endDate="2021-03-07 23:30:00 +0100"/>',
      ' <ActivitySummary dateComponents="2021-03-07" activeEnergyBurned="400"/>',
    ].join('\n');
    const { samples, summary } = readAll(exportXml(body));
    expect(samples.map((s) => s.type)).toEqual(['WEIGHT']);
    expect(summary.records).toBe(6);
    expect(summary.skipped).toEqual({ 'in-correlation': 3, 'unsupported-type': 2 });
    expect(summary.byType.WEIGHT).toEqual({ kept: 1, skipped: { 'in-correlation': 1 } });
  });

  it('counts unreadable records with their reason and goes on', () => {
    const body = [
      quantity('StepCount', 'count', '10', { startDate: '' }),
      quantity('StepCount', 'count', '10', { startDate: '2021-03-07T23:00:00+01:00' }),
      quantity('StepCount', 'count', 'ten'),
      quantity('StepCount', 'count', ''),
      quantity('StepCount', 'furlongs', '3'),
      quantity('StepCount', 'count', '10', { endDate: '2021-03-07 22:59:00 +0100' }),
      quantity('StepCount', 'count', '10', { endDate: '2021-03-09 23:00:00 +0100' }),
      quantity('StepCount', 'count', '-4'),
      quantity('HeartRate', 'count/min', '900'),
      quantity('OxygenSaturation', '%', '97'),
      quantity('StepCount', 'count', '10', {
        startDate: '1890-01-01 00:00:00 +0000',
        endDate: '1890-01-01 00:01:00 +0000',
      }),
      quantity('StepCount', 'count', '7'),
    ].join('\n');
    const { samples, summary, sources } = readAll(exportXml(body));
    expect(samples.map((s) => s.value)).toEqual([7]);
    expect(summary.skipped).toEqual({
      'missing-date': 1,
      'bad-date': 1,
      'bad-value': 2,
      'unknown-unit': 1,
      'end-before-start': 1,
      'too-long': 1,
      'out-of-range': 4,
    });
    expect(summary.records).toBe(12);
    expect(summary.bySource).toEqual([{ ...sources[0], samples: 1, skipped: 11 }]);
  });

  it('skips records ending more than 5 minutes after `now`, when given', () => {
    const body = quantity('StepCount', 'count', '10');
    expect(readAll(exportXml(body), 64, { now: end - 5 * 60_000 }).samples).toHaveLength(1);
    const late = readAll(exportXml(body), 64, { now: end - 5 * 60_000 - 1 });
    expect(late.samples).toHaveLength(0);
    expect(late.summary.skipped).toEqual({ 'out-of-range': 1 });
  });
});

describe('sources', () => {
  const steps = (sourceName: string, device?: string) =>
    record({
      type: 'HKQuantityTypeIdentifierStepCount',
      sourceName,
      ...(device ? { device } : {}),
      unit: 'count',
      startDate: '2021-03-07 23:00:00 +0100',
      endDate: '2021-03-07 23:10:00 +0100',
      value: '5',
    });

  it('is one per real device: apostrophe variants and changing device addresses fold', () => {
    const { samples, sources, summary } = readAll(
      exportXml(
        [
          steps('Anna’s Apple Watch', WATCH_DEVICE('283fb5e00')),
          steps('Anna&#8217;s Apple Watch', WATCH_DEVICE('283fb6f10')),
          steps('Anna&apos;s Apple Watch', WATCH_DEVICE('2815aa010')),
          steps("Anna's Apple Watch"),
          steps(
            'Anna’s iPhone',
            '&lt;&lt;HKDevice: 0x281c1e120&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone12,1, software:15.4&gt;',
          ),
          steps('Running buddy', WATCH_DEVICE('283fb5e00')),
          steps('Withings'),
          steps('Fit &amp; Well'),
        ].join('\n'),
      ),
    );
    expect(sources.map((s) => [s.name, s.kind])).toEqual([
      ['Anna’s Apple Watch', 'apple_watch'],
      ['Anna’s iPhone', 'iphone'],
      ['Running buddy', 'apple_watch'],
      ['Withings', 'third_party_scale'],
      ['Fit & Well', 'third_party_wearable'],
    ]);
    expect(samples.map((s) => s.source)).toEqual([0, 0, 0, 0, 1, 2, 3, 4]);
    expect(summary.bySource.map((s) => s.samples)).toEqual([4, 1, 1, 1, 1]);
  });
});

describe('the input', () => {
  it('throws at the end when the text is not an export', () => {
    expect(() => readAll('<?xml version="1.0"?><plist><dict/></plist>')).toThrow(/HealthData/);
    expect(() => readAll('')).toThrow(/not an Apple Health export/);
  });

  it('skips an internal DTD whatever it holds, across chunk boundaries', () => {
    const dtd = [
      '<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout)*)>',
      '<!ATTLIST Record',
      '  type CDATA #REQUIRED',
      '  unit CDATA #IMPLIED "[x]"',
      // Malformed on purpose: an unclosed declaration, a quote left open and a fake element.
      '<!ATTLIST WorkoutActivity startDate CDATA #REQUIRED "',
      '<Record type="HKQuantityTypeIdentifierStepCount" sourceName="DTD" unit="count" startDate="2021-03-07 23:00:00 +0100" endDate="2021-03-07 23:00:00 +0100" value="1"/>',
      '<!-- a comment with ]]> and > in it -->',
    ].join('\n');
    const xml = exportXml(quantity('StepCount', 'count', '3'), dtd);
    for (const chunk of [1, 7, 64, 1 << 16]) {
      const { samples, summary } = readAll(xml, chunk);
      expect(
        samples.map((s) => s.value),
        `chunks of ${chunk}`,
      ).toEqual([3]);
      expect(summary.records).toBe(1);
    }
  });

  it('reads an export without a DTD, with a byte-order mark and CRLF line ends', () => {
    const xml = `\ufeff<?xml version="1.0"?>\r\n<HealthData>\r\n${quantity('StepCount', 'count', '3')}\r\n</HealthData>`;
    expect(readAll(xml, 5).samples.map((s) => s.value)).toEqual([3]);
  });

  it('reports bytes and records as it goes', () => {
    const xml = exportXml(quantity('StepCount', 'count', '3'));
    const { summary } = readAll(xml, 10, { totalBytes: 1234 });
    expect(summary.bytesRead).toBe(new TextEncoder().encode(xml).length);
    expect(summary.totalBytes).toBe(1234);
  });
});
