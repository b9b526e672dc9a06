import type {
  HealthExportReader,
  ImportedSample,
  ImportProgress,
  ImportSource,
  ImportSummary,
} from '@hearth/core/import';

/** Where the samples go: `batch` resolves once they are stored, and only then is more read. */
export interface ExportSink {
  batch(
    samples: ImportedSample[],
    sources: ImportSource[],
    progress: ImportProgress,
  ): Promise<void>;
  progress(progress: ImportProgress): void;
}

export type ReadExportOptions = {
  /** Samples handed to the sink at once (the last batch may be smaller). */
  batchSize: number;
  /** The input's size, shown as the progress total. */
  totalBytes?: number;
  /** At most one progress report per this many ms between batches. */
  progressEveryMs: number;
  now: () => number;
};

/**
 * Streams `input` chunk by chunk into `reader` and hands the samples to `sink` in batches of
 * `batchSize`, waiting for each batch to be stored before it reads the next chunk: the file is
 * never held whole and at most one batch waits in memory. Returns the reader's summary.
 */
export async function readExport(
  input: ReadableStream<Uint8Array>,
  reader: HealthExportReader,
  sink: ExportSink,
  options: ReadExportOptions,
): Promise<ImportSummary> {
  const withTotal = (progress: ImportProgress): ImportProgress =>
    options.totalBytes === undefined ? progress : { ...progress, totalBytes: options.totalBytes };
  let pending: ImportedSample[] = [];
  let reported = options.now();

  const flush = async (all: boolean) => {
    while (pending.length >= options.batchSize || (all && pending.length > 0)) {
      const batch = pending.slice(0, options.batchSize);
      pending = pending.slice(batch.length);
      await sink.batch(batch, [...reader.sources], withTotal(reader.progress()));
      reported = options.now();
    }
  };
  const collect = async (samples: ImportedSample[]) => {
    // A loop, not push(...samples): a chunk can complete more samples than a call takes arguments.
    for (const sample of samples) pending.push(sample);
    await flush(false);
  };

  const chunks = input.getReader();
  try {
    for (;;) {
      const { done, value } = await chunks.read();
      if (done) break;
      await collect(reader.push(value));
      if (options.now() - reported >= options.progressEveryMs) {
        sink.progress(withTotal(reader.progress()));
        reported = options.now();
      }
    }
    await collect(reader.end());
    await flush(true);
  } finally {
    chunks.releaseLock();
  }
  return withTotal(reader.summary()) as ImportSummary;
}
