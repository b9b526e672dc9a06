import type { HealthExportReader } from '@hearth/core/import';
import { DEFAULT_BATCH_SIZE, type FromWorker, type ToWorker } from './protocol.js';
import { readExport, type ExportSink } from './readExport.js';

/** The worker's side of the message channel (the worker's global scope, or a fake in tests). */
export interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}

const PROGRESS_EVERY_MS = 200;

/**
 * Answers one `start`: reads the file with a fresh reader and posts its batches, each after the
 * page said the previous one is written. The worker is thrown away afterwards (or terminated to
 * cancel), so nothing here needs resetting.
 */
export function serveImport(
  scope: WorkerScope,
  createReader: (file: Blob) => HealthExportReader,
  now: () => number,
): void {
  let written: (() => void) | null = null;
  scope.onmessage = (event) => {
    const message = event.data;
    if (message.type === 'written') {
      const resume = written;
      written = null;
      resume?.();
      return;
    }
    const { file } = message;
    const sink: ExportSink = {
      batch: (samples, sources, progress) =>
        new Promise<void>((resolve) => {
          written = resolve;
          scope.postMessage({ type: 'batch', samples, sources, progress });
        }),
      progress: (progress) => scope.postMessage({ type: 'progress', progress }),
    };
    readExport(file.stream(), createReader(file), sink, {
      batchSize: message.batchSize ?? DEFAULT_BATCH_SIZE,
      totalBytes: file.size,
      progressEveryMs: PROGRESS_EVERY_MS,
      now,
    }).then(
      (summary) => scope.postMessage({ type: 'done', summary }),
      (error: unknown) =>
        scope.postMessage({
          type: 'failed',
          message: error instanceof Error ? error.message : String(error),
          // The reader's stable codes (`import-not-an-export`) survive the message channel.
          ...(error instanceof Error && 'code' in error && typeof error.code === 'string'
            ? { code: error.code }
            : {}),
        }),
    );
  };
}
