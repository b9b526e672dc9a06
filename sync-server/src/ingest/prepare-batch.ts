import { normalizeSamplePoint } from '@hearth/core';
import type { DeviceSyncResponse } from '@hearth/schema';
import { InboxBatchEncoder } from './inbox-codec.js';

export type SampleErrorDetail = NonNullable<DeviceSyncResponse['errorDetails']>[number];

export interface PreparedBatch {
  /** The valid samples in the order sent, as an unsealed inbox payload (see inbox-codec.ts). */
  payload: Buffer;
  /** How many samples were valid. */
  synced: number;
  errorDetails: SampleErrorDetail[];
}

/**
 * Normalises each sample on its own: one bad sample is reported by index, code and message and
 * never sinks its batch-mates. Valid samples go straight into the inbox payload as numbers (no
 * sample objects in between): this is the CPU work of every acknowledged batch. Which device
 * they belong to is the inbox row's, the device the caller authenticated as, whatever a sample
 * claims.
 */
export function prepareBatch(raw: readonly unknown[], now: number): PreparedBatch {
  const encoder = new InboxBatchEncoder(raw.length);
  const errorDetails: SampleErrorDetail[] = [];
  for (let index = 0; index < raw.length; index++) {
    const result = normalizeSamplePoint(raw[index], now);
    if (result.ok) {
      encoder.add(result.type, result.start, result.end, result.value, result.stage ?? 0);
    } else {
      errorDetails.push({ index, code: result.error.code, error: result.error.message });
    }
  }
  return { payload: encoder.encode(), synced: encoder.sampleCount, errorDetails };
}
