import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportFormatError } from './reader.js';
import { exportXml, readAll, record, zipFixture, type ZipFixtureEntry } from './test-helpers.js';
import { isExportXmlName } from './zip-headers.js';

/**
 * Made with Info-ZIP 3.0 writing to a pipe, which is how big exports are written: ZIP64 (`-fz`)
 * and the sizes in a data descriptor after each entry:
 * `zip -fz - apple_health_export/export_cda.xml __MACOSX/apple_health_export/._export.xml
 * apple_health_export/export.xml | cat > stream64.zip`, the export holding two records.
 */
const INFO_ZIP_STREAMED_ZIP64 =
  'UEsDBC0ACAAIAA5Tgl0AAAAA//////////8iADAAYXBwbGVfaGVhbHRoX2V4cG9ydC9leHBvcnRfY2RhLnhtbFVUCQAD2/EP' +
  'a9vxD2t1eAsAAQQAAAAABAAAAAABABAAFAAAAAAAAAAAAAAAAAAAALNxzsnMy0xOzHHJTy7NTc0r0bfjAgBQSwcI0F3NJxYA' +
  'AAAAAAAAFAAAAAAAAABQSwMELQAIAAgADlOCXQAAAAD//////////ykAMABfX01BQ09TWC9hcHBsZV9oZWFsdGhfZXhwb3J0' +
  'Ly5fZXhwb3J0LnhtbFVUCQAD2/EPa9vxD2t1eAsAAQQAAAAABAAAAAABABAABQAAAAAAAAAAAAAAAAAAAMsqzcvmAgBQSwcI' +
  'B3XUbQcAAAAAAAAABQAAAAAAAABQSwMELQAIAAgADlOCXQAAAAD//////////x4AMABhcHBsZV9oZWFsdGhfZXhwb3J0L2V4' +
  'cG9ydC54bWxVVAkAA9vxD2vb8Q9rdXgLAAEEAAAAAAQAAAAAAQAQAAoCAAAAAAAAAAAAAAAAAAClkcFKw0AQhu95inFPrTZm' +
  'k4qKJCm1jVa0tdaIiIgsm9EspLthsyntzdfw9XwSVysYoYIgzGHm52P4hgl7y3kBC9SVUDIi/i4lgJKrTMjniNykJ+4h6cVO' +
  'uDW8HKR30wRGyAqTD5lhcG/j5CIZJ5O0GbeSZam0sT12xthpzZArnbW327HzYDc1yEJxVmBEUD6eHpPYgXDNglmVNh6dX9VM' +
  'GmFWqZ3PMrT9k0B9bbAcqFoaApWqNccJm1u8LyV7e3mtQExzJZFALYWJCP8iDVs7RSSgge/SrksPIOgeUWoLdqhPP0/PNjF+' +
  'k1mworbEXkC8Pyvbo7WZ2c2/KPfLskC4ZYbnP7y9uZD/dKcb3Pf9D/fQ+/5F7LwDUEsHCPMzIGIYAQAAAAAAAAoCAAAAAAAA' +
  'UEsBAh4DLQAIAAgADlOCXdBdzScWAAAA/////yIAJAAAAAAAAQAAAKSBAAAAAGFwcGxlX2hlYWx0aF9leHBvcnQvZXhwb3J0' +
  'X2NkYS54bWxVVAUAA9vxD2t1eAsAAQQAAAAABAAAAAABAAgAFAAAAAAAAABQSwECHgMtAAgACAAOU4JdB3XUbQcAAAD/////' +
  'KQAkAAAAAAABAAAApIGeAAAAX19NQUNPU1gvYXBwbGVfaGVhbHRoX2V4cG9ydC8uX2V4cG9ydC54bWxVVAUAA9vxD2t1eAsA' +
  'AQQAAAAABAAAAAABAAgABQAAAAAAAABQSwECHgMtAAgACAAOU4Jd8zMgYhgBAAD/////HgAkAAAAAAABAAAApIE0AQAAYXBw' +
  'bGVfaGVhbHRoX2V4cG9ydC9leHBvcnQueG1sVVQFAAPb8Q9rdXgLAAEEAAAAAAQAAAAAAQAIAAoCAAAAAAAAUEsFBgAAAAAD' +
  'AAMAXwEAAP////8AAA==' +
  '';

const steps = (value: string) =>
  record({
    type: 'HKQuantityTypeIdentifierStepCount',
    sourceName: 'Anna’s iPhone',
    unit: 'count',
    startDate: '2021-03-07 23:00:00 +0100',
    endDate: '2021-03-07 23:10:00 +0100',
    value,
  });

/** Bytes that look like zip signatures, as a GPX or an ECG file may hold. */
const FAKE_SIGNATURES = new Uint8Array([
  0x50, 0x4b, 0x03, 0x04, 1, 2, 0x50, 0x4b, 0x07, 0x08, 0, 0, 0, 0, 0x50, 0x4b, 0x01, 0x02, 7, 0x50,
  0x4b, 0x07, 0x08, 4, 0, 0, 0, 4, 0, 0, 0, 0x50, 0x4b, 0x05, 0x06, 9, 9, 9, 9, 9, 9, 9,
]);

function zipOf(xmlEntry: Partial<ZipFixtureEntry>, before: ZipFixtureEntry[] = []): Uint8Array {
  const xml: ZipFixtureEntry = {
    name: 'apple_health_export/export.xml',
    data: strToU8(exportXml([steps('1'), steps('2'), steps('3')].join('\n'))),
    method: 8,
    sizes: 'signed-descriptor',
    ...xmlEntry,
  };
  return zipFixture([...before, xml]);
}

const JUNK: ZipFixtureEntry[] = [
  {
    name: 'apple_health_export/export_cda.xml',
    data: strToU8('<ClinicalDocument/>'),
    method: 8,
    sizes: 'header',
  },
  {
    name: '__MACOSX/apple_health_export/._export.xml',
    data: FAKE_SIGNATURES,
    method: 0,
    sizes: 'unsigned-descriptor',
  },
  {
    name: 'apple_health_export/workout-routes/route_2021-03-07.gpx',
    data: FAKE_SIGNATURES,
    method: 0,
    sizes: 'signed-descriptor',
  },
  {
    name: 'apple_health_export/electrocardiograms/ecg_2021-03-07.csv',
    data: FAKE_SIGNATURES,
    method: 8,
    sizes: 'signed-descriptor',
    zip64: true,
  },
];

describe('the Apple Health reader on a zip', () => {
  it('reads a streamed ZIP64 zip written by Info-ZIP, in chunks of any size', () => {
    const zip = new Uint8Array(Buffer.from(INFO_ZIP_STREAMED_ZIP64, 'base64'));
    for (const chunk of [1, 3, 64, 1 << 16]) {
      const { samples, sources } = readAll(zip, chunk);
      expect(
        samples.map((s) => [s.type, s.value]),
        `chunks of ${chunk}`,
      ).toEqual([
        ['STEPS', 42],
        ['HEART_RATE', 61],
      ]);
      expect(sources.map((s) => s.kind)).toEqual(['iphone', 'apple_watch']);
    }
  });

  it('finds the end of every kind of entry, past bytes that look like signatures', () => {
    for (const sizes of ['header', 'signed-descriptor', 'unsigned-descriptor'] as const) {
      for (const zip64 of [false, true]) {
        for (const method of [0, 8] as const) {
          const zip = zipOf({ sizes, zip64, method }, JUNK);
          for (const chunk of [1, 5, 29, 1 << 16]) {
            const label = `${sizes} zip64=${zip64} method=${method} chunks of ${chunk}`;
            expect(
              readAll(zip, chunk).samples.map((s) => s.value),
              label,
            ).toEqual([1, 2, 3]);
          }
        }
      }
    }
  });

  it('takes the XML under a localised or capitalised name, flagged UTF-8 or not', () => {
    for (const name of [
      'apple_health_export/导出.xml',
      'Export.xml',
      'apple_health_export/Export.xml',
    ]) {
      for (const utf8 of [true, false]) {
        expect(readAll(zipOf({ name, utf8 }, JUNK)).samples, name).toHaveLength(3);
      }
    }
  });

  it('throws at the end when the zip holds no export', () => {
    const zip = zipFixture(JUNK);
    expect(() => readAll(zip)).toThrow(ImportFormatError);
    expect(() => readAll(zip)).toThrow(/no export.xml/);
  });

  it('throws a clear error for a zip that cannot be read', () => {
    const zip = zipOf({ method: 8, sizes: 'header' });
    const broken = zip.slice();
    // Inside the deflated data, past the header (30 bytes and the name).
    broken.fill(0xff, 120, 180);
    expect(() => readAll(broken)).toThrow(/cannot be read/);
  });
});

describe('isExportXmlName', () => {
  it('knows the export from the files around it', () => {
    expect(isExportXmlName('apple_health_export/export.xml')).toBe(true);
    expect(isExportXmlName('export.xml')).toBe(true);
    expect(isExportXmlName('apple_health_export/Export.xml')).toBe(true);
    expect(isExportXmlName('apple_health_export/导出.xml')).toBe(true);
    expect(isExportXmlName('apple_health_export/export_cda.xml')).toBe(false);
    expect(isExportXmlName('apple_health_export/导出_cda.xml')).toBe(false);
    expect(isExportXmlName('__MACOSX/apple_health_export/._export.xml')).toBe(false);
    expect(isExportXmlName('apple_health_export/._export.xml')).toBe(false);
    expect(isExportXmlName('apple_health_export/workout-routes/route.xml')).toBe(false);
    expect(isExportXmlName('apple_health_export/electrocardiograms/ecg.xml')).toBe(false);
    expect(isExportXmlName('a/b/export.xml')).toBe(false);
    expect(isExportXmlName('apple_health_export/')).toBe(false);
  });
});
