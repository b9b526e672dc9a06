import type { ImportSource, ImportSummary, SkipReason } from '@hearth/core/import';
import type { DeviceKind } from '@hearth/schema';
import { CliError } from './errors.js';
import type { UploadTotals } from './uploader.js';

export interface DeviceResult {
  name: string;
  kind: DeviceKind;
  /** Samples of this source the reader kept. */
  samples: number;
  /** Of those, what the server stored. */
  acknowledged: number;
}

/** The one line of JSON printed on stdout at the end. */
export interface ImportResult {
  records: number;
  samples: number;
  skipped: Partial<Record<SkipReason, number>>;
  acknowledged: number;
  refused: Record<string, number>;
  /** Kept samples with no answer from the server (the import stopped early). */
  unacknowledged: number;
  devices: DeviceResult[];
}

export function buildResult(
  summary: ImportSummary,
  sources: readonly ImportSource[],
  totals: UploadTotals,
): ImportResult {
  const refused = Object.fromEntries(
    Object.entries(totals.refused).map(([code, reason]) => [code, reason.count]),
  );
  const refusedCount = Object.values(refused).reduce((a, b) => a + b, 0);
  const indexByKey = new Map(sources.map((s, i) => [s.key, i]));
  const devices: DeviceResult[] = [];
  for (const source of summary.bySource) {
    if (source.samples === 0) continue;
    const uploaded = totals.bySource.get(indexByKey.get(source.key) ?? -1);
    devices.push({
      // The Hearth device's own name and kind when it existed already (the person may have
      // renamed it or set its kind by hand).
      name: uploaded?.device.name ?? source.name,
      kind: uploaded?.device.kind ?? source.kind,
      samples: source.samples,
      acknowledged: uploaded?.acknowledged ?? 0,
    });
  }
  return {
    records: summary.records,
    samples: summary.samples,
    skipped: summary.skipped,
    acknowledged: totals.acknowledged,
    refused,
    unacknowledged: Math.max(0, summary.samples - totals.acknowledged - refusedCount),
    devices,
  };
}

/** Why the import does not count as done, or null when every kept sample was acknowledged. */
export function resultFailure(result: ImportResult, totals: UploadTotals): CliError | null {
  const reasons = Object.entries(totals.refused);
  if (reasons.length > 0) {
    const lines = reasons.map(([code, r]) => `  ${r.count} × ${code} (e.g. “${r.example}”)`);
    const count = reasons.reduce((n, [, r]) => n + r.count, 0);
    return new CliError(
      'samples-refused',
      `The server refused ${count} sample${count === 1 ? '' : 's'}:\n${lines.join('\n')}`,
    );
  }
  if (result.unacknowledged > 0) {
    return new CliError(
      'samples-not-acknowledged',
      `${result.unacknowledged} of ${result.samples} samples were not acknowledged by the server; importing the same file again is safe (nothing is stored twice)`,
    );
  }
  return null;
}
