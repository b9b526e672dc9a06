import { DecodeUTF8 } from 'fflate';
import { DtdSkipper } from './dtd-skipper.js';
import { ExportScanner, type ScannerEvents } from './export-scanner.js';

/**
 * The bytes of an `export.xml`, as they come, to `Record` events: UTF-8 decoding that keeps a
 * character split between chunks (fflate's streaming decoder, on the platform's TextDecoder),
 * the DTD dropped, then the scanner.
 */
export class ExportText {
  private readonly scanner: ExportScanner;
  private readonly dtd: DtdSkipper;
  private readonly decoder: DecodeUTF8;

  constructor(events: ScannerEvents) {
    this.scanner = new ExportScanner(events);
    this.dtd = new DtdSkipper((text) => this.scanner.write(text));
    this.decoder = new DecodeUTF8((text) => this.dtd.push(text));
  }

  get sawHealthData(): boolean {
    return this.scanner.sawHealthData;
  }

  push(bytes: Uint8Array): void {
    this.decoder.push(bytes);
  }

  end(): void {
    try {
      this.decoder.push(new Uint8Array(0), true);
    } catch {
      // A file cut inside a multi-byte character: what came before is all there is to read.
    }
    this.dtd.end();
    this.scanner.end();
  }
}
