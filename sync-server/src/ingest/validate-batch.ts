import { normalizeSample } from '@hearth/core';
import type { DeviceSyncResponse, HealthSample } from '@hearth/schema';

export type SampleErrorDetail = NonNullable<DeviceSyncResponse['errorDetails']>[number];

export interface ValidatedBatch {
  valid: HealthSample[];
  errorDetails: SampleErrorDetail[];
}

/**
 * Normalises each sample on its own: one bad sample is reported by index, code and message and
 * never sinks its batch-mates. The device id the caller authenticated as is the sample's source,
 * whatever the sample claims.
 */
export function validateBatch(
  raw: readonly unknown[],
  deviceId: string,
  now: number,
): ValidatedBatch {
  const valid: HealthSample[] = [];
  const errorDetails: SampleErrorDetail[] = [];
  raw.forEach((sample, index) => {
    const result = normalizeSample(sample, { now, sourceDevice: deviceId });
    if (result.ok) valid.push(result.sample);
    else errorDetails.push({ index, code: result.error.code, error: result.error.message });
  });
  return { valid, errorDetails };
}
