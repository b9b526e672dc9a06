import type { ImportedSample, ImportProgress, ImportSummary } from '@hearth/core/import';
import { METRIC_CONFIG, type HealthSample } from '@hearth/schema';
import type { LocalChanges } from '../data/localChanges.js';
import { writeSamples } from '../data/writeSamples.js';
import type { HearthDatabase } from '../db/types.js';
import { awaitDevicesUploaded, mapSourcesToDevices, type DeviceOptions } from './importDevices.js';
import type { FromWorker, ToWorker } from './protocol.js';

/** What the page needs of a Web Worker (a fake one in tests). */
export interface WorkerPort {
  postMessage(message: ToWorker): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** What the import did to the replica so far. */
export type ImportWritten = {
  /** Samples the replica did not hold yet. */
  added: number;
  /** Samples that replaced a stored one of the same identity with another value. */
  replaced: number;
  devicesCreated: number;
};

export type ImportOutcome =
  | { status: 'done'; summary: ImportSummary; written: ImportWritten }
  | { status: 'cancelled'; progress: ImportProgress | null; written: ImportWritten }
  | { status: 'failed'; message: string; code?: string; written: ImportWritten };

export type ImportRunOptions = DeviceOptions & {
  db: HearthDatabase;
  localChanges: LocalChanges;
  timeZone: string;
  file: Blob;
  worker: WorkerPort;
  onProgress: (progress: ImportProgress, written: ImportWritten) => void;
  /** Whether the browser believes it is online (then new devices are uploaded first). */
  isOnline: () => boolean;
  batchSize?: number;
  /** How long to wait for new devices to upload before their series are written. */
  deviceUploadTimeoutMs?: number;
};

export type ImportRun = { cancel(): void; done: Promise<ImportOutcome> };

function toHealthSample(sample: ImportedSample, deviceId: string): HealthSample {
  return {
    type: sample.type,
    value: sample.value,
    unit: METRIC_CONFIG[sample.type].unit,
    startDate: new Date(sample.start).toISOString(),
    endDate: new Date(sample.end).toISOString(),
    sourceDevice: deviceId,
    ...(sample.sleepStage ? { sleepStage: sample.sleepStage } : {}),
  };
}

/**
 * Runs one import: the worker reads the file and hands over batches of samples; each batch goes
 * through the normal local write path (`writeSamples`) into the replica before the worker may
 * read on. Cancelling stops the worker at once; a batch being written is finished first, so
 * what is in the replica is always whole batches, with their days marked.
 */
export function runImport(options: ImportRunOptions): ImportRun {
  const { worker } = options;
  const written: ImportWritten = { added: 0, replaced: 0, devicesCreated: 0 };
  const deviceIds: string[] = [];
  let lastProgress: ImportProgress | null = null;
  let cancelled = false;
  let settle: (outcome: ImportOutcome) => void = () => {};
  const done = new Promise<ImportOutcome>((resolve) => (settle = resolve));
  // Messages are handled one after the other: a batch's write finishes before anything else.
  let queue = Promise.resolve();

  const finish = (outcome: ImportOutcome) => {
    worker.onmessage = null;
    worker.onerror = null;
    worker.terminate();
    settle(outcome);
  };

  const writeBatch = async (message: Extract<FromWorker, { type: 'batch' }>) => {
    const created = await mapSourcesToDevices(options.db, message.sources, deviceIds, options);
    written.devicesCreated += created.length;
    if (created.length && options.isOnline()) {
      await awaitDevicesUploaded(
        options.db,
        created.map((d) => d.id),
        options.deviceUploadTimeoutMs ?? 10_000,
      );
    }
    // The reader already left out samples that end in the future (it is given the clock).
    const samples = message.samples.map((s) => toHealthSample(s, deviceIds[s.source]!));
    const result = await writeSamples(options.db, options.localChanges, samples, options.timeZone);
    written.added += result.added;
    written.replaced += result.replaced;
  };

  const handle = async (message: FromWorker) => {
    if (cancelled) return;
    switch (message.type) {
      case 'progress':
        lastProgress = message.progress;
        options.onProgress(message.progress, { ...written });
        return;
      case 'batch':
        lastProgress = message.progress;
        await writeBatch(message);
        if (cancelled) return;
        options.onProgress(message.progress, { ...written });
        worker.postMessage({ type: 'written' });
        return;
      case 'done':
        finish({ status: 'done', summary: message.summary, written: { ...written } });
        return;
      case 'failed':
        finish({
          status: 'failed',
          message: message.message,
          ...(message.code ? { code: message.code } : {}),
          written: { ...written },
        });
    }
  };

  worker.onmessage = (event) => {
    queue = queue
      .then(() => handle(event.data))
      .catch((error: unknown) => {
        cancelled = true;
        const message = error instanceof Error ? error.message : String(error);
        finish({ status: 'failed', message, written: { ...written } });
      });
  };
  worker.onerror = (event) => {
    event.preventDefault();
    cancelled = true;
    void queue.then(() =>
      finish({ status: 'failed', message: event.message, written: { ...written } }),
    );
  };
  worker.postMessage({
    type: 'start',
    file: options.file,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
  });

  return {
    done,
    cancel() {
      if (cancelled) return;
      cancelled = true;
      worker.terminate();
      void queue.then(() =>
        finish({ status: 'cancelled', progress: lastProgress, written: { ...written } }),
      );
    },
  };
}
