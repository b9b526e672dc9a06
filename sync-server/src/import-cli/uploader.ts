import type { ImportSource } from '@hearth/core/import';
import type { Device } from '@hearth/schema';
import type { HearthApi } from './api-client.js';
import { idempotencyKey, type SourceBatch } from './batches.js';
import type { DeviceDirectory } from './devices.js';

export interface RefusedReason {
  count: number;
  /** The server's message for the first sample refused for this reason. */
  example: string;
}

export interface UploadTotals {
  /** Samples handed to the uploader. */
  sent: number;
  /** Samples the server stored (`synced`). */
  acknowledged: number;
  /** Samples the server refused, by its error code (`sample-invalid-value`, ...). */
  refused: Record<string, RefusedReason>;
  /** Per source (the reader's index): its Hearth device and the samples it acknowledged. */
  bySource: Map<number, { device: Device; acknowledged: number }>;
}

/**
 * Uploads batches with at most `limit` in flight. `submit` returns once its batch has a slot, so
 * a reader that awaits it never runs ahead of the uploads: memory stays at `limit` batches
 * whatever the size of the file. The first batch that fails for good stops the import: `submit`
 * and `finish` then throw its error (what was acknowledged stays; importing again resumes).
 */
export class Uploader {
  readonly #api: Pick<HearthApi, 'sync'>;
  readonly #devices: DeviceDirectory;
  readonly #limit: number;
  readonly #inFlight = new Set<Promise<void>>();
  #failure: unknown = null;
  readonly totals: UploadTotals = {
    sent: 0,
    acknowledged: 0,
    refused: {},
    bySource: new Map(),
  };

  constructor(api: Pick<HearthApi, 'sync'>, devices: DeviceDirectory, limit: number) {
    this.#api = api;
    this.#devices = devices;
    this.#limit = limit;
  }

  async submit(batch: SourceBatch, source: ImportSource): Promise<void> {
    while (this.#inFlight.size >= this.#limit && this.#failure === null) {
      await Promise.race(this.#inFlight);
    }
    // Rethrows what an upload or helmet failed with, whatever it is.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (this.#failure !== null) throw this.#failure;
    this.totals.sent += batch.count;
    const upload: Promise<void> = this.#upload(batch, source)
      .catch((err: unknown) => {
        this.#failure ??= err;
      })
      .finally(() => this.#inFlight.delete(upload));
    this.#inFlight.add(upload);
  }

  async finish(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.race(this.#inFlight);
    // Rethrows what an upload or helmet failed with, whatever it is.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (this.#failure !== null) throw this.#failure;
  }

  async #upload(batch: SourceBatch, source: ImportSource): Promise<void> {
    const device = await this.#devices.resolve(source);
    const answer = await this.#api.sync(
      device.id,
      batch.body,
      idempotencyKey(device.id, batch.body),
    );
    const t = this.totals;
    t.acknowledged += answer.synced;
    for (const detail of answer.errorDetails ?? []) {
      this.#refuse(detail.code, detail.error, 1);
    }
    // Errors counted without details must still show in the summary.
    const unexplained = answer.errors - (answer.errorDetails?.length ?? 0);
    if (unexplained > 0) this.#refuse('no-reason-given', 'the server gave no reason', unexplained);
    const own = t.bySource.get(batch.source) ?? { device, acknowledged: 0 };
    own.acknowledged += answer.synced;
    t.bySource.set(batch.source, own);
  }

  #refuse(code: string, message: string, count: number): void {
    const reason = (this.totals.refused[code] ??= { count: 0, example: message });
    reason.count += count;
  }
}
