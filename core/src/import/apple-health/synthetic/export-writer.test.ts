import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sourceKey } from '../../sources.js';
import type { ImportedSample, SkipReason } from '../../types.js';
import { readAll } from '../test-helpers.js';
import { appleHealthExportXml, appleHealthExportZip } from './export-writer.js';
import type { ExpectedSample, ExportElement } from './record-xml.js';

// A seed whose two days hold every source (the ring app is not worn every day).
const OPTIONS = { seed: 'hearth', endDate: '2024-03-10', days: 2 } as const;

function written() {
  const elements: ExportElement[] = [];
  const xml = [...appleHealthExportXml({ ...OPTIONS, onElement: (e) => elements.push(e) })].join(
    '',
  );
  return { xml, elements };
}

const concat = (chunks: Uint8Array[]) => {
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
  return bytes;
};

function expectSameSample(got: ImportedSample, sourceName: string, want: ExpectedSample) {
  const { value, sourceName: wantSource, ...rest } = want;
  expect({ ...got, value: undefined, source: undefined }).toEqual({
    ...rest,
    value: undefined,
    source: undefined,
  });
  // Units were converted there and back (km, mi, lb, kJ, fractions, mmol/L).
  expect(got.value).toBeCloseTo(value, 9);
  expect(sourceKey(sourceName)).toBe(sourceKey(wantSource));
}

// Generous: a few megabytes are written and read while the machine may be busy.
describe('the synthetic export writer', { timeout: 30_000 }, () => {
  const { xml, elements } = written();

  it('writes every quirk of real exports', () => {
    for (const quirk of [
      '<!DOCTYPE HealthData [',
      'durationUnit CDATA #IMPLIED "min\n',
      'sourceName="Anna’s Apple Watch"',
      'sourceName="Anna&#8217;s Apple Watch"',
      'sourceName="Anna&apos;s Apple Watch"',
      'sourceName="Anna\'s Apple Watch"',
      'unit="mmol&lt;180.1558800000541&gt;/L"',
      'unit="kJ"',
      'unit="Cal"',
      'unit="mi"',
      'unit="lb"',
      'HKCategoryValueSleepAnalysisInBed',
      'HKCategoryValueSleepAnalysisAsleepCore',
      'HKCategoryValueSleepAnalysisAwake',
      'HKCategoryValueSleepAnalysisAsleep"',
      '<Correlation type="HKCorrelationTypeIdentifierBloodPressure"',
      '<HeartRateVariabilityMetadataList>',
      '<Workout ',
      '<ActivitySummary ',
    ]) {
      expect(xml, quirk).toContain(quirk);
    }
    expect(xml).toMatch(
      /unit="%" creationDate="[^"]+" startDate="[^"]+" endDate="[^"]+" value="0\.9/,
    );
    const addresses = new Set(xml.match(/HKDevice: 0x[0-9a-f]+/g));
    expect(addresses.size).toBeGreaterThan(100);
  });

  it('is deterministic from its seed', () => {
    expect(written().xml).toBe(xml);
    expect([...appleHealthExportXml({ ...OPTIONS, seed: 'other' })].join('')).not.toBe(xml);
  });

  it('comes back from the reader: every sample kept, every unreadable record skipped with its reason', () => {
    const { samples, sources, summary } = readAll(xml, 1 << 16);
    const kept = elements.flatMap((e) => (e.kept ? [e.kept] : []));
    expect(samples).toHaveLength(kept.length);
    samples.forEach((sample, k) =>
      expectSameSample(sample, sources[sample.source]?.name ?? '', kept[k] as ExpectedSample),
    );
    const skipped: Partial<Record<SkipReason, number>> = {};
    for (const reason of elements.flatMap((e) => e.skipped ?? [])) {
      skipped[reason] = (skipped[reason] ?? 0) + 1;
    }
    expect(summary.skipped).toEqual(skipped);
    expect(Object.keys(skipped).length).toBeGreaterThanOrEqual(4);
    expect(summary.records).toBe(elements.reduce((n, e) => n + e.records, 0));
    expect(sources.map((s) => [s.name, s.kind]).sort()).toEqual([
      ['Anna’s Apple Watch', 'apple_watch'],
      ['Anna’s iPhone', 'iphone'],
      ['Health', 'third_party_wearable'],
      ['Oura', 'third_party_wearable'],
      ['Withings', 'third_party_scale'],
    ]);
  });

  it('writes the same export as a zip, next to the junk real zips hold', () => {
    const zip = concat([...appleHealthExportZip(OPTIONS)]);
    const fromZip = readAll(zip, 4096);
    const fromXml = readAll(strToU8(xml));
    expect(fromZip.samples).toEqual(fromXml.samples);
    expect(fromZip.summary.bytesRead).toBe(zip.length);
  });
});
