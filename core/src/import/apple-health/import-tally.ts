import type { HealthDataType } from '@hearth/schema';
import type {
  ImportProgress,
  ImportSource,
  ImportSummary,
  ImportTypeSummary,
  SkipReason,
} from '../types.js';

/** The counts behind `progress()` and `summary()`. */
export class ImportTally {
  bytesRead = 0;
  records = 0;
  samples = 0;
  private readonly skipped: Partial<Record<SkipReason, number>> = {};
  private readonly byType: Partial<Record<HealthDataType, ImportTypeSummary>> = {};
  private readonly sourceSamples: number[] = [];
  private readonly sourceSkipped: number[] = [];

  constructor(private readonly totalBytes: number | undefined) {}

  kept(type: HealthDataType, source: number): void {
    this.samples++;
    this.typeSummary(type).kept++;
    this.sourceSamples[source] = (this.sourceSamples[source] ?? 0) + 1;
  }

  /** A record not kept; `type` and `source` when it is of a type Hearth stores. */
  skip(reason: SkipReason, type?: HealthDataType, source?: number): void {
    this.skipped[reason] = (this.skipped[reason] ?? 0) + 1;
    if (type !== undefined) {
      const skipped = this.typeSummary(type).skipped;
      skipped[reason] = (skipped[reason] ?? 0) + 1;
    }
    if (source !== undefined) this.sourceSkipped[source] = (this.sourceSkipped[source] ?? 0) + 1;
  }

  progress(): ImportProgress {
    const progress: ImportProgress = {
      bytesRead: this.bytesRead,
      records: this.records,
      samples: this.samples,
      skipped: { ...this.skipped },
    };
    if (this.totalBytes !== undefined) progress.totalBytes = this.totalBytes;
    return progress;
  }

  summary(sources: readonly ImportSource[]): ImportSummary {
    const byType: Partial<Record<HealthDataType, ImportTypeSummary>> = {};
    for (const [type, summary] of Object.entries(this.byType) as Array<
      [HealthDataType, ImportTypeSummary]
    >) {
      byType[type] = { kept: summary.kept, skipped: { ...summary.skipped } };
    }
    const bySource = sources.map((source, k) => ({
      ...source,
      samples: this.sourceSamples[k] ?? 0,
      skipped: this.sourceSkipped[k] ?? 0,
    }));
    return { ...this.progress(), byType, bySource };
  }

  private typeSummary(type: HealthDataType): ImportTypeSummary {
    let summary = this.byType[type];
    if (!summary) {
      summary = { kept: 0, skipped: {} };
      this.byType[type] = summary;
    }
    return summary;
  }
}
