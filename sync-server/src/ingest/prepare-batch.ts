import { normalizeSamplePoint } from '@hearth/core';
import type { DeviceSyncResponse, RawSample } from '@hearth/schema';
import { InboxBatchEncoder } from './inbox-codec.js';

export type SampleErrorDetail = NonNullable<DeviceSyncResponse['errorDetails']>[number];

export interface PreparedBatch {
  /** The valid samples in the order sent, as an unsealed inbox payload (see inbox-codec.ts). */
  payload: Buffer;
  /** How many samples were valid. */
  synced: number;
  errorDetails: SampleErrorDetail[];
  /** Of the valid samples, how many carried each field a series does not keep; empty if none. */
  ignored: NonNullable<DeviceSyncResponse['ignored']>;
}

/**
 * Normalises each sample on its own: one bad sample is reported by index, code and message and
 * never sinks its batch-mates. Valid samples go straight into the inbox payload as numbers (no
 * sample objects in between): this is the CPU work of every acknowledged batch. Which device
 * they belong to is the inbox row's, the device the caller authenticated as, whatever a sample
 * claims. `sourceApp` and `metadata` are checked by core and not kept (SPECIFICATION.md §2):
 * the answer counts them instead of dropping them unsaid.
 */
export function prepareBatch(raw: readonly unknown[], now: number): PreparedBatch {
  const encoder = new InboxBatchEncoder(raw.length);
  const errorDetails: SampleErrorDetail[] = [];
  let apps = 0;
  let metadatas = 0;
  for (let index = 0; index < raw.length; index++) {
    const sample = raw[index];
    const result = normalizeSamplePoint(sample, now);
    if (result.ok) {
      encoder.add(result.type, result.start, result.end, result.value, result.stage ?? 0);
      // A valid sample is an object (core checked it); two reads per sample cost no measurable
      // CPU in a 1,000-sample batch (within 1 %, best of 90).
      const { sourceApp, metadata } = sample as RawSample;
      if (sourceApp !== undefined) apps++;
      if (metadata !== undefined) metadatas++;
    } else {
      errorDetails.push({ index, code: result.error.code, error: result.error.message });
    }
  }
  const ignored: PreparedBatch['ignored'] = {};
  if (apps > 0) ignored.sourceApp = apps;
  if (metadatas > 0) ignored.metadata = metadatas;
  return { payload: encoder.encode(), synced: encoder.sampleCount, errorDetails, ignored };
}
