import fc from 'fast-check';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { appleHealthExportXml, appleHealthExportZip } from './synthetic/export-writer.js';
import { readAll } from './test-helpers.js';

const OPTIONS = { seed: 'chunks', endDate: '2024-01-02', days: 1 } as const;
const concat = (chunks: Uint8Array[]) => {
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
  return bytes;
};

/** Sorted distinct cut points inside `length` bytes. */
const cutsIn = (length: number) =>
  fc
    .uniqueArray(fc.integer({ min: 1, max: length - 1 }), { maxLength: 40 })
    .map((cuts) => cuts.sort((a, b) => a - b));

// Generous: each run reads a day's export, and the machine may be busy.
describe('splitting the input into chunks', { timeout: 30_000 }, () => {
  const xml = strToU8([...appleHealthExportXml(OPTIONS)].join(''));
  const zip = concat([...appleHealthExportZip(OPTIONS)]);
  const wholeXml = readAll(xml, xml.length);

  it('never changes what an export.xml gives', () => {
    fc.assert(
      fc.property(cutsIn(xml.length), (cuts) => {
        const { samples, sources, summary } = readAll(xml, cuts);
        expect(samples).toEqual(wholeXml.samples);
        expect(sources).toEqual(wholeXml.sources);
        expect(summary).toEqual(wholeXml.summary);
      }),
      { numRuns: 25 },
    );
  });

  it('never changes what an export.zip gives', () => {
    const wholeZip = readAll(zip, zip.length);
    expect(wholeZip.samples).toEqual(wholeXml.samples);
    fc.assert(
      fc.property(cutsIn(zip.length), (cuts) => {
        const { samples, summary } = readAll(zip, cuts);
        expect(samples).toEqual(wholeXml.samples);
        expect(summary).toEqual(wholeZip.summary);
      }),
      { numRuns: 25 },
    );
  });

  it('holds where a chunk ends inside a multi-byte character, a name or an entity', () => {
    const text = [...appleHealthExportXml(OPTIONS)].join('');
    const inside = ['’', 'Record type', '&#8217;', 'startDate', '<!DOCTYPE', ']>', '&lt;'].map(
      (needle) => strToU8(text.slice(0, text.indexOf(needle))).length + 1,
    );
    const { samples } = readAll(
      xml,
      inside.sort((a, b) => a - b),
    );
    expect(samples).toEqual(wholeXml.samples);
  });
});
