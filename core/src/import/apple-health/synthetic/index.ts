export { appleHealthExportXml, appleHealthExportZip } from './export-writer.js';
export type { SyntheticExportWriterOptions } from './export-writer.js';
export type { SyntheticExportOptions } from './export-elements.js';
export type { ExpectedSample, ExportElement } from './record-xml.js';
