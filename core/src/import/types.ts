import type { DeviceKind, HealthDataType, SleepStage } from '@hearth/schema';

/**
 * What an importer hands on: one sample, already in the canonical unit of its type, as UTC
 * instants (epoch ms). `source` indexes the reader's `sources`: one entry per real device the
 * export names, so each becomes one Hearth device and the usual priorities apply.
 */
export interface ImportedSample {
  type: HealthDataType;
  start: number;
  end: number;
  value: number;
  /** SLEEP_ANALYSIS only. */
  sleepStage?: SleepStage;
  source: number;
}

/** A real source named by the export (a watch, a phone, an app), folded to one per device. */
export interface ImportSource {
  /** The normalised name that identifies the source (apostrophe variants folded). */
  key: string;
  /** The name to show and to give the Hearth device. */
  name: string;
  kind: DeviceKind;
}

/** Why a record was not kept; counted, never fatal. */
export type SkipReason =
  | 'unsupported-type'
  | 'missing-date'
  | 'bad-date'
  | 'bad-value'
  | 'unknown-unit'
  | 'end-before-start'
  | 'too-long'
  | 'out-of-range'
  | 'in-correlation';

export interface ImportProgress {
  /** Bytes of the input consumed so far (of the zip when a zip is read). */
  bytesRead: number;
  /** The input's size when the caller knows it. */
  totalBytes?: number;
  /** `Record` elements seen (of every type). */
  records: number;
  /** Samples handed on. */
  samples: number;
  /** Records not kept, by reason. */
  skipped: Partial<Record<SkipReason, number>>;
}

export interface ImportSourceSummary extends ImportSource {
  samples: number;
  skipped: number;
}

export interface ImportTypeSummary {
  kept: number;
  skipped: Partial<Record<SkipReason, number>>;
}

export interface ImportSummary extends ImportProgress {
  /** Per Hearth type; records of types Hearth does not store are counted under `skipped` only. */
  byType: Partial<Record<HealthDataType, ImportTypeSummary>>;
  bySource: ImportSourceSummary[];
}

/**
 * A streaming reader: bytes in, samples out. Synchronous and push-driven so that the caller sets
 * the pace (it uploads or writes a batch before it pushes the next chunk) and the same code runs
 * in a Web Worker and in Node. The input is a whole `export.zip` or a bare `export.xml`, told
 * apart by its first bytes; it is never held in memory whole.
 */
export interface HealthExportReader {
  /** Feeds the next chunk; returns the samples it completed (in file order). */
  push(chunk: Uint8Array): ImportedSample[];
  /** Ends the input; returns the last samples. Throws only if the input is not an export at all. */
  end(): ImportedSample[];
  /** Every source seen so far; `ImportedSample.source` indexes it and entries never move. */
  readonly sources: readonly ImportSource[];
  progress(): ImportProgress;
  summary(): ImportSummary;
}
