import { Inflate } from 'fflate';
import {
  CENTRAL_HEADER,
  DATA_DESCRIPTOR,
  isExportXmlName,
  LOCAL_HEADER,
  readLocalHeader,
  u32,
  u64,
  type LocalEntry,
} from './zip-headers.js';

/**
 * Streams the export's XML out of an `export.zip`, entry by entry through the local headers
 * (a stream never sees the central directory at the end), inflated with fflate's `Inflate`.
 *
 * Why not fflate's streaming `Unzip`: big exports are written as a stream, with sizes in a data
 * descriptor after each entry (ZIP64 past 4 GB). `Unzip` finds the end of such an entry by
 * looking for the next signature (`PK\x07\x08`, `PK\x01\x02`, even `PK\x03\x04`, which starts a
 * new file) anywhere in the compressed bytes, without checking it. Deflated data holds each
 * 4-byte pattern about once per 4 GiB, so a 200 MB zip has a ~14 % chance of one false match
 * among the three: the export would end early or grow a phantom entry. Here a signature ends an
 * entry only if the descriptor's compressed size equals the bytes actually read (a false match
 * now needs 8 more random bytes to agree), for descriptors with or without their signature.
 */
export class ExportZip {
  /** Unparsed bytes: a header not yet whole, or the tail of an entry's data held back. */
  private pending = new Uint8Array(0);
  private entry: LocalEntry | null = null;
  /** Data bytes of the current entry already consumed (handed on or skipped). */
  private consumed = 0;
  private inflater: Inflate | null = null;
  private wanted = false;
  private done = false;
  /** Whether the export's XML entry was found. */
  found = false;

  constructor(private readonly onXml: (bytes: Uint8Array) => void) {}

  push(chunk: Uint8Array): void {
    if (this.done || chunk.length === 0) return;
    let bytes = chunk;
    if (this.pending.length) {
      bytes = new Uint8Array(this.pending.length + chunk.length);
      bytes.set(this.pending);
      bytes.set(chunk, this.pending.length);
    }
    this.pending = new Uint8Array(0);
    while (bytes.length && !this.done) {
      const rest = this.entry ? this.readData(this.entry, bytes) : this.readHeader(bytes);
      if (rest === null) break;
      bytes = rest;
    }
  }

  /** Ends the input: an XML entry cut short is read as far as it goes. */
  end(): void {
    if (this.wanted) this.finishEntry(true);
    this.done = true;
  }

  /** Starts the next entry; returns the bytes after its header, or null to wait for more. */
  private readHeader(bytes: Uint8Array): Uint8Array | null {
    if (bytes.length < 4) return this.hold(bytes);
    const signature = u32(bytes, 0);
    if (signature !== LOCAL_HEADER) {
      // The central directory (or anything else) ends the entries a stream can read.
      this.done = true;
      if (signature !== CENTRAL_HEADER && !this.found) throw new Error('zip: no local header');
      return null;
    }
    const entry = readLocalHeader(bytes);
    if (!entry) return this.hold(bytes);
    this.entry = entry;
    this.consumed = 0;
    this.wanted = !this.found && !entry.encrypted && isExportXmlName(entry.name);
    if (this.wanted) {
      if (entry.method !== 0 && entry.method !== 8) {
        throw new Error(`zip: ${entry.name} uses compression method ${entry.method}`);
      }
      this.found = true;
      if (entry.method === 8) this.inflater = new Inflate((data) => this.onXml(data));
    }
    return bytes.subarray(entry.headerLength);
  }

  /** Consumes data of `entry`; returns what follows it, or null when the chunk is used up. */
  private readData(entry: LocalEntry, bytes: Uint8Array): Uint8Array | null {
    if (!entry.hasDataDescriptor) {
      const take = Math.min(bytes.length, entry.compressedSize - this.consumed);
      this.consume(bytes.subarray(0, take));
      if (this.consumed < entry.compressedSize) return null;
      this.finishEntry(false);
      return bytes.subarray(take);
    }
    const end = this.findDescriptor(entry, bytes);
    if (end === null) {
      // The last bytes may hold the descriptor, or precede a signature still to come.
      const keep = Math.min(bytes.length, HELD_BACK);
      this.consume(bytes.subarray(0, bytes.length - keep));
      return this.hold(bytes.subarray(bytes.length - keep));
    }
    this.consume(bytes.subarray(0, end.dataEnd));
    this.finishEntry(false);
    return bytes.subarray(end.next);
  }

  /**
   * Where the entry's data ends in `bytes`: a data descriptor whose compressed size is the
   * number of bytes before it, signed (`PK\x07\x08`) or not (then the next header's signature
   * follows it). Candidates too close to the end to check are left for the next chunk.
   */
  private findDescriptor(entry: LocalEntry, bytes: Uint8Array): DescriptorEnd | null {
    // ZIP64 entries should have 8-byte sizes in their descriptor; accept either width.
    const widths = entry.zip64 ? WIDTHS_ZIP64_FIRST : WIDTHS_32_FIRST;
    const last = bytes.length - MAX_DESCRIPTOR;
    for (let at = bytes.indexOf(0x50); at >= 0 && at <= last; at = bytes.indexOf(0x50, at + 1)) {
      if (bytes[at + 1] !== 0x4b) continue;
      const signature = u32(bytes, at);
      const isHeader = signature === LOCAL_HEADER || signature === CENTRAL_HEADER;
      if (signature !== DATA_DESCRIPTOR && !isHeader) continue;
      for (const width of widths) {
        const unsignedLength = 4 + 2 * width;
        if (signature === DATA_DESCRIPTOR && this.sizeAt(bytes, at + 8, width) === at) {
          return { dataEnd: at, next: at + 4 + unsignedLength };
        }
        const dataEnd = at - unsignedLength;
        if (isHeader && dataEnd >= 0 && this.sizeAt(bytes, dataEnd + 4, width) === dataEnd) {
          return { dataEnd, next: at };
        }
      }
    }
    return null;
  }

  /** The compressed size written at `at`, as an offset in the current `bytes` (or -1). */
  private sizeAt(bytes: Uint8Array, at: number, sizeBytes: 4 | 8): number {
    const size = sizeBytes === 8 ? u64(bytes, at) : u32(bytes, at);
    // A 32-bit size wraps past 4 GiB; compare modulo, as the writer wrote it.
    const consumed = sizeBytes === 8 ? this.consumed : this.consumed % 2 ** 32;
    const offset = size - consumed;
    return offset >= 0 ? offset : offset + (sizeBytes === 8 ? Infinity : 2 ** 32);
  }

  private consume(data: Uint8Array): void {
    this.consumed += data.length;
    if (!this.wanted || data.length === 0) return;
    if (this.inflater) this.inflater.push(data, false);
    else this.onXml(data.slice());
  }

  private finishEntry(truncated: boolean): void {
    if (this.wanted) {
      try {
        this.inflater?.push(new Uint8Array(0), true);
      } catch (error) {
        if (!truncated) throw error;
      }
      this.inflater = null;
      this.wanted = false;
      // The export has one XML document: whatever follows (routes, ECGs, the CDA) is not read.
      this.done = true;
    }
    this.entry = null;
  }

  private hold(bytes: Uint8Array): null {
    this.pending = bytes.slice();
    return null;
  }
}

/** A ZIP64 descriptor with its signature: 4 + 4 (CRC) + 8 + 8. */
const MAX_DESCRIPTOR = 24;
/**
 * Bytes of data kept unconsumed at the end of a chunk: a descriptor that could not be checked
 * yet, and the 20 bytes an unsigned ZIP64 descriptor takes before the signature that follows it.
 */
const HELD_BACK = MAX_DESCRIPTOR + 20;
const WIDTHS_ZIP64_FIRST = [8, 4] as const;
const WIDTHS_32_FIRST = [4, 8] as const;

interface DescriptorEnd {
  dataEnd: number;
  next: number;
}
