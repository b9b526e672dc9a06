// @hearth/core/import: readers of other apps' health exports (Apple Health, Health Auto Export).
// A separate entry so that screens which never import do not load the zip and XML parsers.
export type * from './types.js';
export { guessDeviceKind, sourceKey } from './sources.js';
export {
  appleHealthExportXml,
  appleHealthExportZip,
  createAppleHealthReader,
  ImportFormatError,
  parseAppleDate,
} from './apple-health/index.js';
export type {
  AppleHealthReaderOptions,
  ExpectedSample,
  ExportElement,
  ImportFormatErrorCode,
  SyntheticExportOptions,
  SyntheticExportWriterOptions,
} from './apple-health/index.js';
export * from './health-auto-export/index.js';
