import { deflateSync, strToU8 } from 'fflate';
import type { ImportedSample, ImportSource, ImportSummary } from '../types.js';
import { createAppleHealthReader, type AppleHealthReaderOptions } from './reader.js';

export interface ReadResult {
  samples: ImportedSample[];
  sources: ImportSource[];
  summary: ImportSummary;
}

/** Reads a whole input pushed in chunks of `chunkSize` bytes (or at the given cut points). */
export function readAll(
  input: string | Uint8Array,
  cuts: number | readonly number[] = 1 << 16,
  options: AppleHealthReaderOptions = {},
): ReadResult {
  const bytes = typeof input === 'string' ? strToU8(input) : input;
  const reader = createAppleHealthReader(options);
  const samples: ImportedSample[] = [];
  const points =
    typeof cuts === 'number'
      ? Array.from({ length: Math.ceil(bytes.length / cuts) }, (_, k) => k * cuts)
      : [0, ...cuts];
  for (let k = 0; k < points.length; k++) {
    const chunk = bytes.subarray(points[k], points[k + 1] ?? bytes.length);
    samples.push(...reader.push(chunk));
  }
  samples.push(...reader.end());
  return { samples, sources: [...reader.sources], summary: reader.summary() };
}

/** A minimal export around `body` (records, correlations…), with Apple's prolog. */
export function exportXml(
  body: string,
  dtd = '<!ELEMENT HealthData (ExportDate,Me,(Record)*)>',
): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!DOCTYPE HealthData [\n${dtd}\n]>`,
    '<HealthData locale="en_GB">',
    ' <ExportDate value="2024-05-01 10:00:00 +0200"/>',
    ' <Me HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale"/>',
    body,
    '</HealthData>',
    '',
  ].join('\n');
}

/** One `Record` element from its attributes, in Apple's attribute order. */
export function record(attributes: Record<string, string>, children = ''): string {
  const text = Object.entries(attributes)
    .map(([name, value]) => `${name}="${value}"`)
    .join(' ');
  return children ? ` <Record ${text}>\n${children}\n </Record>` : ` <Record ${text}/>`;
}

export interface ZipFixtureEntry {
  name: string;
  data: Uint8Array;
  method: 0 | 8;
  /** Where the sizes are: in the header, or after the data (with or without a signature). */
  sizes: 'header' | 'signed-descriptor' | 'unsigned-descriptor';
  zip64?: boolean;
  /** Set the UTF-8 flag for the name. */
  utf8?: boolean;
}

/** A zip written byte by byte (CRCs left 0: the reader does not check them). */
export function zipFixture(entries: readonly ZipFixtureEntry[]): Uint8Array {
  const parts: number[] = [];
  const le = (value: number, bytes: number) => {
    for (let k = 0; k < bytes; k++) parts.push(Math.floor(value / 2 ** (8 * k)) & 0xff);
  };
  for (const entry of entries) {
    const name = strToU8(entry.name);
    const data = entry.method === 8 ? deflateSync(entry.data) : entry.data;
    const later = entry.sizes !== 'header';
    le(0x04034b50, 4);
    le(entry.zip64 ? 45 : 20, 2);
    le((later ? 8 : 0) | (entry.utf8 ? 0x800 : 0), 2);
    le(entry.method, 2);
    le(0, 4); // time, date
    le(0, 4); // crc
    const size = later ? 0 : data.length;
    le(entry.zip64 ? 0xffffffff : size, 4);
    le(entry.zip64 ? 0xffffffff : later ? 0 : entry.data.length, 4);
    le(name.length, 2);
    le(entry.zip64 ? 20 : 0, 2);
    parts.push(...name);
    if (entry.zip64) {
      le(1, 2);
      le(16, 2);
      le(later ? 0 : entry.data.length, 8);
      le(size, 8);
    }
    parts.push(...data);
    if (later) {
      if (entry.sizes === 'signed-descriptor') le(0x08074b50, 4);
      le(0, 4);
      le(data.length, entry.zip64 ? 8 : 4);
      le(entry.data.length, entry.zip64 ? 8 : 4);
    }
  }
  le(0x02014b50, 4); // the start of a central directory: the reader stops there
  parts.push(...new Uint8Array(42));
  return new Uint8Array(parts);
}
