import type { ImportSummary, SkipReason } from '@hearth/core/import';
import { HEALTH_DATA_TYPES } from '@hearth/schema';
import { metricName } from '../../format/metricFormat.js';
import type { ImportWritten } from '../../import/importRun.js';
import { DEVICE_KIND_LABEL } from '../devices/deviceLabels.js';
import { format } from '../../format/currentFormat.js';

/** Why records were not kept, in words (the reader counts them by stable code). */
export const SKIP_REASON_TEXT: Record<SkipReason, string> = {
  'unsupported-type': 'Types Hearth does not keep (such as flights climbed or workouts)',
  'missing-date': 'No start or end date',
  'bad-date': 'A date that could not be read',
  'bad-value': 'A value that is not a number',
  'unknown-unit': 'A unit Hearth does not know for that type',
  'end-before-start': 'Ending before they start',
  'too-long': 'Longer than 24 hours',
  'out-of-range': 'A value or time no device can record (a negative count, a date in the future)',
  'in-correlation': 'Repeated inside a grouped entry (kept once)',
};

export type ReasonRow = { reason: string; records: number };
export type TypeRow = { name: string; kept: number; skipped: number; reasons: string };
export type SourceRow = { name: string; kind: string; kept: number; skipped: number };

export type SummaryView = {
  /** One sentence: records read, samples kept, how many were new. */
  headline: string;
  byType: TypeRow[];
  bySource: SourceRow[];
  /** Every reason records were not kept, most frequent first. */
  skipped: ReasonRow[];
};

function reasonRows(skipped: Partial<Record<SkipReason, number>>): ReasonRow[] {
  return (Object.entries(skipped) as [SkipReason, number][])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, records]) => ({ reason: SKIP_REASON_TEXT[reason], records }));
}

/** A reason inside a list: its first letter lower-cased, the product's name left as it is. */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function headline(summary: ImportSummary, written: ImportWritten): string {
  const kept = summary.samples;
  const already = Math.max(0, kept - written.added - written.replaced);
  const parts = [
    `Read ${format().number(summary.records)} records and kept ${format().number(kept)} samples`,
    `${format().number(written.added)} new`,
  ];
  if (written.replaced) parts.push(`${format().number(written.replaced)} updated`);
  if (already) parts.push(`${format().number(already)} already in Hearth`);
  return `${parts[0]}: ${parts.slice(1).join(', ')}.`;
}

/** The result screen's figures, shaped from the reader's summary and what was written. */
export function summaryView(summary: ImportSummary, written: ImportWritten): SummaryView {
  const byType = HEALTH_DATA_TYPES.flatMap((type) => {
    const entry = summary.byType[type];
    if (!entry) return [];
    const reasons = reasonRows(entry.skipped);
    return [
      {
        name: metricName(type),
        kept: entry.kept,
        skipped: sum(Object.values(entry.skipped)),
        reasons: reasons
          .map((r) => `${lowerFirst(r.reason)}: ${format().number(r.records)}`)
          .join('; '),
      },
    ];
  });
  const bySource = [...summary.bySource]
    .sort((a, b) => b.samples - a.samples || a.name.localeCompare(b.name))
    .map((s) => ({
      name: s.name,
      kind: DEVICE_KIND_LABEL[s.kind],
      kept: s.samples,
      skipped: s.skipped,
    }));
  return {
    headline: headline(summary, written),
    byType,
    bySource,
    skipped: reasonRows(summary.skipped),
  };
}
