import type {
  HealthExportReader,
  ImportedSample,
  ImportProgress,
  ImportSummary,
} from '../types.js';
import { ExportText } from './export-text.js';
import { ExportZip } from './export-zip.js';
import { ImportTally } from './import-tally.js';
import { RecordReader } from './record-reader.js';
import { SourceRegistry } from './source-registry.js';

export interface AppleHealthReaderOptions {
  /** The input's size in bytes, for progress. */
  totalBytes?: number;
  /** The current time (epoch ms): records ending more than 5 minutes after it are skipped. */
  now?: number;
}

export type ImportFormatErrorCode =
  'import-not-an-export' | 'import-no-export-xml' | 'import-bad-zip';

/** The input is not an Apple Health export at all (a bad record never throws). */
export class ImportFormatError extends Error {
  override readonly name = 'ImportFormatError';
  constructor(
    readonly code: ImportFormatErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A zip starts with a local file header; an `export.xml` with `<?xml` (or a byte-order mark). */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** The sink of the input's bytes once the reader knows what the input is. */
interface ByteInput {
  push(bytes: Uint8Array): void;
  end(): void;
}

class AppleHealthReader implements HealthExportReader {
  private readonly tally: ImportTally;
  private readonly registry = new SourceRegistry();
  private readonly records: RecordReader;
  private readonly text: ExportText;
  private input: ByteInput | null = null;
  /** The first bytes, kept until there are enough to tell a zip from XML. */
  private head = new Uint8Array(0);
  private out: ImportedSample[] = [];

  constructor(options: AppleHealthReaderOptions) {
    this.tally = new ImportTally(options.totalBytes);
    this.records = new RecordReader(this.tally, this.registry, options.now);
    this.text = new ExportText({
      onRecord: (fields, inCorrelation) => this.records.read(fields, inCorrelation, this.out),
    });
  }

  get sources() {
    return this.registry.sources;
  }

  push(chunk: Uint8Array): ImportedSample[] {
    this.tally.bytesRead += chunk.length;
    if (this.input) this.input.push(chunk);
    else this.sniff(chunk);
    return this.take();
  }

  end(): ImportedSample[] {
    if (!this.input) this.choose();
    this.input?.end();
    if (!this.text.sawHealthData) {
      throw new ImportFormatError(
        'import-not-an-export',
        'This file is not an Apple Health export: it has no HealthData element. Choose the export.zip (or the export.xml inside it) from Health → Export All Health Data.',
      );
    }
    return this.take();
  }

  progress(): ImportProgress {
    return this.tally.progress();
  }

  summary(): ImportSummary {
    return this.tally.summary(this.registry.sources);
  }

  private sniff(chunk: Uint8Array): void {
    const head = new Uint8Array(this.head.length + chunk.length);
    head.set(this.head);
    head.set(chunk, this.head.length);
    this.head = head;
    if (head.length >= ZIP_MAGIC.length) this.choose();
  }

  /** Picks the input's reader from its first bytes and hands it what came so far. */
  private choose(): void {
    const head = this.head;
    const isZip = ZIP_MAGIC.every((byte, k) => head[k] === byte);
    this.input = isZip ? new ZipInput(this.text) : this.text;
    this.head = new Uint8Array(0);
    if (head.length) this.input.push(head);
  }

  private take(): ImportedSample[] {
    const samples = this.out;
    this.out = [];
    return samples;
  }
}

/** An `export.zip`: its XML entry's bytes go to the same text reader as a bare `export.xml`. */
class ZipInput implements ByteInput {
  private readonly zip: ExportZip;

  constructor(private readonly text: ExportText) {
    this.zip = new ExportZip((bytes) => text.push(bytes));
  }

  push(bytes: Uint8Array): void {
    try {
      this.zip.push(bytes);
    } catch (error) {
      if (error instanceof ImportFormatError) throw error;
      throw new ImportFormatError(
        'import-bad-zip',
        `This zip cannot be read (${error instanceof Error ? error.message : String(error)}); export it again from the Health app.`,
      );
    }
  }

  end(): void {
    this.zip.end();
    this.text.end();
    if (!this.zip.found) {
      throw new ImportFormatError(
        'import-no-export-xml',
        'This zip holds no export.xml: choose the export.zip made by Health → Export All Health Data.',
      );
    }
  }
}

/**
 * A streaming reader of Apple Health's "Export All Health Data": push the bytes of the
 * `export.zip` or of the `export.xml` inside it, chunk by chunk, and take the samples each push
 * completes. Pure (no DOM, no Node), so the PWA runs it in a Web Worker and the command line in
 * Node; memory stays flat whatever the size of the file.
 */
export function createAppleHealthReader(
  options: AppleHealthReaderOptions = {},
): HealthExportReader {
  return new AppleHealthReader(options);
}
