import type {
  ImportedSample,
  ImportProgress,
  ImportSource,
  ImportSummary,
} from '@hearth/core/import';

/**
 * The messages between the Import page and the worker that reads the export. The worker reads
 * at most one batch ahead: after a `batch` it waits for `written` before it reads on, so a file
 * of any size never piles up in memory waiting for the replica (backpressure).
 */
export type ToWorker =
  /** Read this file. `batchSize` is the number of samples handed over at once. */
  | { type: 'start'; file: Blob; batchSize?: number }
  /** The last batch is in the replica: read on. */
  | { type: 'written' };

export type FromWorker =
  | { type: 'progress'; progress: ImportProgress }
  /** `sources` is the reader's whole list so far: `ImportedSample.source` indexes it. */
  | {
      type: 'batch';
      samples: ImportedSample[];
      sources: ImportSource[];
      progress: ImportProgress;
    }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'failed'; message: string; code?: string };

/** Samples per batch: a few hundred series, a fraction of a second of replica writes. */
export const DEFAULT_BATCH_SIZE = 20_000;
