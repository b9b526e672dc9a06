/// <reference lib="webworker" />
// The worker that reads an Apple Health export: its own bundle chunk, so the zip and XML parsers
// never weigh on the app's first load or the share viewer.
import { createAppleHealthReader } from '@hearth/core/import';
import { serveImport } from './serveImport.js';

serveImport(
  self,
  (file) => createAppleHealthReader({ totalBytes: file.size, now: Date.now() }),
  () => Date.now(),
);
