import { MAX_SAMPLES_PER_SYNC } from '@hearth/schema';
import { sourceKey, type HaeMapping, type HaeSample } from '@hearth/core/import';
import { ingestSamples, type IngestDeps } from '../../ingest/ingest.service.js';
import type { HaeResponse } from './schema.js';
import { resolveSourceDevices } from './source-devices.js';

/** Refusals listed in a response; the count is always complete. */
const MAX_ERROR_DETAILS = 100;

type ErrorDetail = NonNullable<HaeResponse['errorDetails']>[number];

export interface HaeIngestRequest {
  userId: string;
  /** The device posted to (its token or its owner's session): checked to be the user's. */
  deviceId: string;
  mapping: HaeMapping;
  idempotencyKey?: string | undefined;
}

/**
 * Stores a mapped Health Auto Export post through the device ingest service, the same path as
 * `/sync` (core validation, one sealed inbox row per batch, idempotency), in batches of at most
 * 5,000 per device.
 *
 * Which device a point belongs to: a point that names ONE source goes to the user's device for
 * that source (found by name, or created; source-devices.ts), so the usual priorities rank a
 * watch above a phone where HAE sends both sources' raw samples, and HAE's points meet an Apple
 * Health import's on the same device. A point that names several sources (`a|b`) or none is
 * HealthKit's already-merged figure and stays with the device posted to.
 */
export async function ingestHealthAutoExport(
  deps: IngestDeps,
  req: HaeIngestRequest,
): Promise<HaeResponse> {
  const { userId, deviceId, mapping } = req;
  const names = mapping.samples.flatMap((s) => (s.source === null ? [] : [s.source]));
  const sourceDevices = await resolveSourceDevices(deps.pool, userId, names);
  const groups = new Map<string, HaeSample[]>();
  // Sources beyond what one post may create (source-devices.ts) stay with the device posted to.
  const deviceOf = (s: HaeSample) =>
    s.source === null ? deviceId : (sourceDevices.get(sourceKey(s.source))?.id ?? deviceId);
  for (const s of mapping.samples) {
    const id = deviceOf(s);
    const group = groups.get(id);
    if (group) group.push(s);
    else groups.set(id, [s]);
  }

  const errors: ErrorDetail[] = mapping.refused.map((r) => ({ ...r }));
  const devices: HaeResponse['devices'] = [];
  let synced = 0;
  for (const [id, samples] of groups) {
    let deviceSynced = 0;
    for (let from = 0, batch = 0; from < samples.length; from += MAX_SAMPLES_PER_SYNC, batch++) {
      const chunk = samples.slice(from, from + MAX_SAMPLES_PER_SYNC);
      const answer = await ingestSamples(deps, {
        userId,
        deviceId: id,
        samples: chunk.map((s) => s.sample),
        idempotencyKey: req.idempotencyKey ? `${req.idempotencyKey}:${id}:${batch}` : undefined,
      });
      deviceSynced += answer.synced;
      for (const e of answer.errorDetails ?? []) {
        const origin = chunk[e.index] as HaeSample;
        errors.push({ metric: origin.metric, index: origin.index, code: e.code, error: e.error });
      }
    }
    synced += deviceSynced;
    const named = [...sourceDevices.values()].find((d) => d.id === id);
    devices.push(named ? { ...named, synced: deviceSynced } : { id, synced: deviceSynced });
  }
  const response: HaeResponse = {
    synced,
    errors: errors.length,
    skipped: mapping.skipped,
    devices,
  };
  if (errors.length > 0) response.errorDetails = errors.slice(0, MAX_ERROR_DETAILS);
  return response;
}
