export { createAppleHealthReader, ImportFormatError } from './reader.js';
export type { AppleHealthReaderOptions, ImportFormatErrorCode } from './reader.js';
export { parseAppleDate } from './apple-date.js';
export { appleHealthExportXml, appleHealthExportZip } from './synthetic/index.js';
export type {
  ExpectedSample,
  ExportElement,
  SyntheticExportOptions,
  SyntheticExportWriterOptions,
} from './synthetic/index.js';
