import fc from 'fast-check';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readAll } from './test-helpers.js';

/**
 * An export as iOS 8 wrote it (2014–2015; people still keep such files): no DTD, dates packed as
 * `20150908113500+0200`, the source in `source`, metadata as attributes (with spaces in their
 * names), heart rate as hourly `min`/`max`/`average` in count/s, sleep as HealthKit's numbers with
 * the attribute left out for 0 (in bed), and day-long amounts lasting 25 hours where clocks went
 * back. Written for this test; no one's data.
 */
const IOS8_EXPORT = `<?xml version="1.0" encoding="UTF-8"?>
<HealthData locale="de_DE">
 <ExportDate value="20150915113529+0200"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="19800101" HKCharacteristicTypeIdentifierBiologicalSex="1"/>
 <Record type="HKQuantityTypeIdentifierStepCount" source="Lena’s iPhone" unit="count" startDate="20150908113500+0200" endDate="20150908123500+0200" value="714" recordCount="4"/>
 <Record type="HKQuantityTypeIdentifierDistanceWalkingRunning" source="Lena’s iPhone" unit="m" startDate="20150908113500+0200" endDate="20150908123500+0200" value="676.5" recordCount="8"/>
 <Record type="HKQuantityTypeIdentifierHeartRate" source="Scale Co" unit="count/s" startDate="20150908193500+0200" endDate="20150908203500+0200" min="0.9" max="1.1" average="1" recordCount="3"/>
 <Record type="HKQuantityTypeIdentifierBodyMass" source="Scale Co" unit="kg" creationDate="20150718161649+0200" startDate="20150718103801+0200" endDate="20150718103801+0200" Scale App Version="2.6.2" Modified Date="2015-07-18 08:38:02 +0000" value="86.9"/>
 <Record type="HKQuantityTypeIdentifierBodyFatPercentage" source="Health" unit="%" creationDate="20150603050224+0100" startDate="20150603050200+0100" endDate="20150603050200+0100" HKWasUserEntered="1" value="0.25"/>
 <Record type="HKCategoryTypeIdentifierSleepAnalysis" source="Band" unit="" startDate="20141202014500+0200" endDate="20141202102500+0200" global_UUID="A1"/>
 <Record type="HKCategoryTypeIdentifierSleepAnalysis" source="Band" unit="" startDate="20141202014500+0200" endDate="20141202102500+0200" global_UUID="A2" value="1"/>
 <Record type="HKQuantityTypeIdentifierStepCount" source="Day Logger" unit="count" startDate="20141025161900+0100" endDate="20141026171900+0100" value="1808" recordCount="1"/>
 <Record type="HKQuantityTypeIdentifierStepCount" source="Day Logger" unit="count" startDate="20141020161900+0100" endDate="20141022161900+0100" value="9000" recordCount="1"/>
</HealthData>
`;

describe('an iOS 8 export', () => {
  const { samples, sources, summary } = readAll(IOS8_EXPORT, 100);
  const at = (iso: string) => Date.parse(iso);

  it('reads the packed dates, the `source` attribute and the old units and values', () => {
    expect(sources.map((s) => [s.name, s.kind])).toEqual([
      ['Lena’s iPhone', 'iphone'],
      ['Scale Co', 'third_party_scale'],
      ['Health', 'third_party_wearable'],
      ['Band', 'third_party_wearable'],
      ['Day Logger', 'third_party_wearable'],
    ]);
    expect(samples.slice(0, 5)).toEqual([
      {
        type: 'STEPS',
        start: at('2015-09-08T09:35:00Z'),
        end: at('2015-09-08T10:35:00Z'),
        value: 714,
        source: 0,
      },
      {
        type: 'DISTANCE',
        start: at('2015-09-08T09:35:00Z'),
        end: at('2015-09-08T10:35:00Z'),
        value: 676.5,
        source: 0,
      },
      // The hour's average, 1 beat a second.
      {
        type: 'HEART_RATE',
        start: at('2015-09-08T17:35:00Z'),
        end: at('2015-09-08T18:35:00Z'),
        value: 60,
        source: 1,
      },
      {
        type: 'WEIGHT',
        start: at('2015-07-18T08:38:01Z'),
        end: at('2015-07-18T08:38:01Z'),
        value: 86.9,
        source: 1,
      },
      {
        type: 'BODY_FAT',
        start: at('2015-06-03T04:02:00Z'),
        end: at('2015-06-03T04:02:00Z'),
        value: 25,
        source: 2,
      },
    ]);
  });

  it('reads sleep as HealthKit numbered it, a missing value being in bed', () => {
    const sleep = samples.filter((s) => s.type === 'SLEEP_ANALYSIS');
    expect(sleep.map((s) => [s.sleepStage, s.value])).toEqual([
      ['inBed', 520],
      ['asleep', 520],
    ]);
  });

  it('keeps a day-long amount of a 25-hour day as two halves, and still skips longer ones', () => {
    const day = samples.filter((s) => s.source === 4);
    const start = at('2014-10-25T15:19:00Z');
    const middle = start + 12.5 * 3_600_000;
    expect(day.map((s) => [s.start, s.end, s.value])).toEqual([
      [start, middle, 904],
      [middle, at('2014-10-26T16:19:00Z'), 904],
    ]);
    expect(summary).toMatchObject({ records: 9, samples: 9, skipped: { 'too-long': 1 } });
    expect(summary.byType.STEPS).toEqual({ kept: 3, skipped: { 'too-long': 1 } });
  });

  it('gives the same wherever the input is cut', () => {
    const bytes = strToU8(IOS8_EXPORT);
    const cuts = fc
      .uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 60 })
      .map((points) => points.sort((a, b) => a - b));
    fc.assert(
      fc.property(cuts, (points) => {
        const read = readAll(bytes, points);
        expect(read.samples).toEqual(samples);
        expect(read.sources).toEqual(sources);
      }),
    );
  });
});
