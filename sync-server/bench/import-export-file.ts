import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { appleHealthExportXml } from '@hearth/core/import';

/** About what a day of the synthetic person takes as Apple's XML (measured: 1,872 days, 1,073.8 MB). */
const BYTES_PER_DAY = 575_000;
const MAX_DAYS = 3650;

/** Writes a synthetic `export.xml` of about `bytes` (days ending 2026-10-31), in constant memory. */
export async function writeBenchExport(path: string, bytes: number): Promise<void> {
  const days = Math.min(MAX_DAYS, Math.max(1, Math.ceil(bytes / BYTES_PER_DAY)));
  const out = createWriteStream(path);
  for (const chunk of appleHealthExportXml({ seed: 'bench', endDate: '2026-10-31', days })) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
