import { strFromU8 } from 'fflate';

/** Little-endian reads; `u64` is exact up to 2^53 bytes, far above any export. */
export const u16 = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
export const u32 = (b: Uint8Array, at: number): number =>
  (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;
export const u64 = (b: Uint8Array, at: number): number => u32(b, at) + u32(b, at + 4) * 2 ** 32;

export const LOCAL_HEADER = 0x04034b50;
export const CENTRAL_HEADER = 0x02014b50;
export const DATA_DESCRIPTOR = 0x08074b50;
export const LOCAL_HEADER_SIZE = 30;
const FLAG_ENCRYPTED = 1;
const FLAG_DATA_DESCRIPTOR = 8;
const FLAG_UTF8 = 0x800;
const ZIP64_EXTRA = 0x0001;
const NO_SIZE = 0xffffffff;

export interface LocalEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  encrypted: boolean;
  /** Sizes follow the data (a streaming writer did not know them): the data must be scanned. */
  hasDataDescriptor: boolean;
  /** Sizes are 64-bit (a ZIP64 extra field), in the header and in the data descriptor. */
  zip64: boolean;
  compressedSize: number;
  /** Bytes of header, name and extra field before the data. */
  headerLength: number;
}

/**
 * The local header at the start of `bytes`, or null when its name and extra field have not
 * all arrived yet. The caller checked the signature.
 */
export function readLocalHeader(bytes: Uint8Array): LocalEntry | null {
  if (bytes.length < LOCAL_HEADER_SIZE) return null;
  const flags = u16(bytes, 6);
  const nameLength = u16(bytes, 26);
  const extraLength = u16(bytes, 28);
  const headerLength = LOCAL_HEADER_SIZE + nameLength + extraLength;
  if (bytes.length < headerLength) return null;
  const nameBytes = bytes.subarray(LOCAL_HEADER_SIZE, LOCAL_HEADER_SIZE + nameLength);
  const extra = bytes.subarray(LOCAL_HEADER_SIZE + nameLength, headerLength);
  let compressedSize = u32(bytes, 18);
  let zip64 = false;
  for (let at = 0; at + 4 <= extra.length; at += 4 + u16(extra, at + 2)) {
    if (u16(extra, at) !== ZIP64_EXTRA) continue;
    zip64 = true;
    // The ZIP64 field holds, in order, only the sizes the header marks as 0xFFFFFFFF.
    const uncompressedIn64 = u32(bytes, 22) === NO_SIZE;
    if (compressedSize === NO_SIZE)
      compressedSize = u64(extra, at + 4 + (uncompressedIn64 ? 8 : 0));
  }
  return {
    name: entryName(nameBytes, (flags & FLAG_UTF8) !== 0),
    method: u16(bytes, 8),
    encrypted: (flags & FLAG_ENCRYPTED) !== 0,
    hasDataDescriptor: (flags & FLAG_DATA_DESCRIPTOR) !== 0,
    zip64,
    compressedSize,
    headerLength,
  };
}

/**
 * Names are UTF-8 when the writer says so, and in practice also when it does not (macOS and iOS
 * write UTF-8 without the flag); bytes that are not UTF-8 are read as Latin-1 rather than lost.
 */
function entryName(bytes: Uint8Array, utf8: boolean): string {
  const text = strFromU8(bytes);
  return utf8 || !text.includes('\ufffd') ? text : strFromU8(bytes, true);
}

/**
 * Whether an entry is the export's XML: `export.xml`, `Export.xml` or a localised name
 * (`导出.xml`), at the top or in one folder (usually `apple_health_export/`). Never the clinical
 * document (`export_cda.xml`, localised `…_cda.xml`), GPX routes, ECG files or the
 * resource forks macOS adds (`__MACOSX/`, `._export.xml`).
 */
export function isExportXmlName(name: string): boolean {
  const parts = name.replace(/\\/g, '/').split('/');
  const base = parts[parts.length - 1] ?? '';
  if (parts.length > 2 || parts.some((p) => p === '__MACOSX' || p.startsWith('._'))) return false;
  const folder = (parts.length === 2 ? (parts[0] ?? '') : '').toLowerCase();
  if (folder === 'workout-routes' || folder === 'electrocardiograms') return false;
  const lower = base.toLowerCase();
  return lower.endsWith('.xml') && !lower.endsWith('_cda.xml') && lower.length > 4;
}
