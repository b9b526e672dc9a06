export { createAppleHealthReader, ImportFormatError } from './reader.js';
export type { AppleHealthReaderOptions, ImportFormatErrorCode } from './reader.js';
export { parseAppleDate } from './apple-date.js';
