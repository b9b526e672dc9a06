import { normalizeSamplePoint, SeriesGrouper, type SeriesGroup } from '@hearth/core';
import type { DeviceSyncResponse } from '@hearth/schema';

export type SampleErrorDetail = NonNullable<DeviceSyncResponse['errorDetails']>[number];

export interface PreparedBatch {
  /** The valid samples as series of the authenticated device, sorted by (type, hourStart). */
  groups: SeriesGroup[];
  /** How many samples were valid. */
  synced: number;
  errorDetails: SampleErrorDetail[];
}

/**
 * Normalises each sample on its own: one bad sample is reported by index, code and message and
 * never sinks its batch-mates. The device id the caller authenticated as is the sample's source,
 * whatever the sample claims. Valid samples go straight into series points (no sample objects in
 * between): this is CPU work done before the ingest transaction takes the user's lock.
 */
export function prepareBatch(
  raw: readonly unknown[],
  deviceId: string,
  now: number,
): PreparedBatch {
  const grouper = new SeriesGrouper();
  const errorDetails: SampleErrorDetail[] = [];
  let synced = 0;
  for (let index = 0; index < raw.length; index++) {
    const result = normalizeSamplePoint(raw[index], now);
    if (result.ok) {
      grouper.add(deviceId, result.type, result.start, result.end, result.value);
      synced++;
    } else {
      errorDetails.push({ index, code: result.error.code, error: result.error.message });
    }
  }
  return { groups: grouper.groups(), synced, errorDetails };
}
