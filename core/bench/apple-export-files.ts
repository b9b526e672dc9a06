/** Writes the synthetic exports the Apple Health reader benchmark reads (reused when present). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appleHealthExportXml, appleHealthExportZip } from '../src/import/index.js';

const SEED = 'hearth-apple-bench';
const END_DATE = '2026-06-30';
/** Days written to measure how many bytes a day of export takes. */
const PROBE_DAYS = 7;

export interface ExportFiles {
  xml: string;
  zip: string;
  days: number;
}

/** Days of export that make about `bytes` of export.xml. */
function daysFor(bytes: number): number {
  let probe = 0;
  for (const chunk of appleHealthExportXml({ seed: SEED, endDate: END_DATE, days: PROBE_DAYS })) {
    probe += Buffer.byteLength(chunk);
  }
  return Math.max(1, Math.round((bytes / probe) * PROBE_DAYS));
}

async function writeAll(file: string, chunks: Iterable<string | Uint8Array>): Promise<void> {
  const partial = `${file}.partial`;
  const out = fs.createWriteStream(partial);
  for (const chunk of chunks) {
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
  fs.renameSync(partial, file);
}

/** The export.xml and export.zip of about `megabytes` MB of XML, in the temp directory. */
export async function exportFiles(megabytes: number): Promise<ExportFiles> {
  const dir = path.join(os.tmpdir(), 'hearth-apple-bench');
  fs.mkdirSync(dir, { recursive: true });
  const days = daysFor(megabytes * 1e6);
  const options = { seed: SEED, endDate: END_DATE, days };
  const xml = path.join(dir, `export-${days}d.xml`);
  const zip = path.join(dir, `export-${days}d.zip`);
  if (!fs.existsSync(xml)) await writeAll(xml, appleHealthExportXml(options));
  if (!fs.existsSync(zip)) await writeAll(zip, appleHealthExportZip(options));
  return { xml, zip, days };
}
