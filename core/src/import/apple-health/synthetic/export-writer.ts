import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { localDateToDayNumber, MS_PER_DAY } from '../../../time/civil.js';
import { EXPORT_EPILOGUE, exportProlog, formatAppleDate } from './apple-format.js';
import { syntheticExportElements, type SyntheticExportOptions } from './export-elements.js';
import type { ExportElement } from './record-xml.js';

export interface SyntheticExportWriterOptions extends SyntheticExportOptions {
  /** Called with each element and what the reader must make of it (for tests). */
  onElement?: (element: ExportElement) => void;
  /** Characters per chunk yielded (default 64 Ki). */
  chunkChars?: number;
}

/**
 * A synthetic Apple Health `export.xml`, as string chunks: Apple's prolog and DTD (with a
 * malformed declaration), then core's synthetic person from an Apple Watch, an iPhone, a ring
 * app, a Withings scale and manual entries, with the quirks of real exports (name variants,
 * per-record device addresses, fractions for %, kJ/Cal/mi/lb/mmol, sleep stages and InBed,
 * correlations repeated at top level, other types, workouts, a few unreadable records).
 * Deterministic from the seed; any length streams in constant memory.
 */
export function* appleHealthExportXml(options: SyntheticExportWriterOptions): Generator<string> {
  const chunkChars = options.chunkChars ?? 1 << 16;
  const exportedAt = (localDateToDayNumber(options.endDate) + 1) * MS_PER_DAY + 9 * 3_600_000;
  let text = exportProlog(formatAppleDate(exportedAt, options.offsetMinutes ?? 60));
  const parts: string[] = [];
  let length = 0;
  for (const element of syntheticExportElements(options)) {
    options.onElement?.(element);
    parts.push(element.xml);
    length += element.xml.length;
    if (length >= chunkChars) {
      yield text + parts.join('');
      text = '';
      parts.length = 0;
      length = 0;
    }
  }
  yield text + parts.join('') + EXPORT_EPILOGUE;
}

/**
 * The same export as Apple's `export.zip` (fflate's streaming `Zip`, sizes in data descriptors):
 * `apple_health_export/export.xml` after the clinical document, a workout route and the
 * resource fork macOS adds when a zip is made on a Mac.
 */
export function* appleHealthExportZip(
  options: SyntheticExportWriterOptions,
): Generator<Uint8Array> {
  const out: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    out.push(data);
  });
  const file = (name: string, text: string, deflate: boolean) => {
    const entry = deflate ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    zip.add(entry);
    entry.push(strToU8(text), true);
  };
  file('apple_health_export/export_cda.xml', '<?xml version="1.0"?>\n<ClinicalDocument/>\n', true);
  file(
    'apple_health_export/workout-routes/route_2024-01-01_7.02am.gpx',
    '<gpx version="1.1"/>\n',
    true,
  );
  file('__MACOSX/apple_health_export/._export.xml', 'Mac OS X        \u0002\u0000', false);
  const xml = new ZipDeflate('apple_health_export/export.xml', { level: 6 });
  zip.add(xml);
  for (const text of appleHealthExportXml(options)) {
    xml.push(strToU8(text));
    yield* out.splice(0);
  }
  xml.push(new Uint8Array(0), true);
  zip.end();
  yield* out.splice(0);
}
