import { createReadStream } from 'node:fs';
import type { HealthExportReader, ImportedSample } from '@hearth/core/import';
import type { HearthApi } from './api-client.js';
import { SourceBatcher, type SourceBatch } from './batches.js';
import { DeviceDirectory } from './devices.js';
import { CliError } from './errors.js';
import type { ProgressDisplay, ProgressSnapshot } from './progress.js';
import { buildResult, resultFailure, type ImportResult } from './summary.js';
import { Uploader } from './uploader.js';

export interface ImportPlan {
  file: string;
  /** The file's size, for the percentage and the time left. */
  totalBytes: number;
  batchSize: number;
  concurrency: number;
  /** Bytes read from the file at a time. */
  chunkBytes?: number;
}

export interface ImportDeps {
  /** Signed in already. */
  api: Pick<HearthApi, 'listDevices' | 'createDevice' | 'sync'>;
  createReader: () => HealthExportReader;
  progress: ProgressDisplay;
  now: () => number;
}

export interface ImportOutcome {
  result: ImportResult;
  /** Why the import is not complete, or null when every kept sample was acknowledged. */
  failure: CliError | null;
}

/**
 * 1 MiB reads: the reader's cost per call is amortised, and the chunk is small next to the
 * batches in flight (a 5,000-sample batch is ~0.6 MB of JSON).
 */
const DEFAULT_CHUNK_BYTES = 1 << 20;

/**
 * Reads the export chunk by chunk into the reader and uploads what it yields, one device per
 * source. The loop awaits each batch's slot before reading on, so reading never runs ahead of
 * the uploads. A failure while reading or uploading still returns what was done, with the error.
 */
export async function importFile(plan: ImportPlan, deps: ImportDeps): Promise<ImportOutcome> {
  const reader = deps.createReader();
  const devices = new DeviceDirectory(deps.api, await deps.api.listDevices());
  const uploader = new Uploader(deps.api, devices, plan.concurrency);
  const batcher = new SourceBatcher(plan.batchSize);
  const started = deps.now();
  let bytesRead = 0;

  const snapshot = (): ProgressSnapshot => {
    const p = reader.progress();
    return {
      bytesRead,
      totalBytes: plan.totalBytes,
      records: p.records,
      kept: p.samples,
      acknowledged: uploader.totals.acknowledged,
      elapsedMs: deps.now() - started,
    };
  };
  const upload = async (batches: readonly SourceBatch[]) => {
    for (const batch of batches) {
      const source = reader.sources[batch.source];
      if (!source) throw new Error(`reader named no source ${batch.source}`);
      await uploader.submit(batch, source);
    }
  };
  const read = (step: () => ImportedSample[]) => {
    try {
      return step();
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new CliError('not-an-export', `${plan.file} is not an Apple Health export: ${why}`, {
        cause: err,
      });
    }
  };

  let failure: CliError | null = null;
  try {
    const stream = createReadStream(plan.file, {
      highWaterMark: plan.chunkBytes ?? DEFAULT_CHUNK_BYTES,
    });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.byteLength;
      await upload(batcher.add(read(() => reader.push(chunk))));
      deps.progress.update(snapshot());
    }
    await upload(batcher.add(read(() => reader.end())));
    await upload(batcher.flush());
    await uploader.finish();
  } catch (err) {
    failure = asCliError(err, plan.file);
    // Let the batches already sent get their answers, so the summary counts them.
    await uploader.finish().catch(() => undefined);
  }
  deps.progress.finish(snapshot());
  const result = buildResult(reader.summary(), reader.sources, uploader.totals);
  return { result, failure: failure ?? resultFailure(result, uploader.totals) };
}

function asCliError(err: unknown, file: string): CliError {
  if (err instanceof CliError) return err;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
    return new CliError('file-missing', `Cannot read ${file}: ${code}`, { cause: err });
  }
  return new CliError('internal', err instanceof Error ? (err.stack ?? err.message) : String(err), {
    cause: err,
  });
}
