import { generateDemoData } from '@hearth/core';
import { MAX_SAMPLES_PER_SYNC } from '@hearth/schema';
import { createBenchUser, type BenchClient, type BenchUser } from './lib-http.js';

/** One device's sync request, ready to send. */
export interface DemoBatch {
  deviceId: string;
  token: string;
  /** `{"samples":[…]}`, at most MAX_SAMPLES_PER_SYNC of them. */
  body: string;
  samples: number;
}

/**
 * A person of the demo generator made real on the server: registered with the demo's first
 * device, the other devices created, and every device's samples cut into sync batches.
 */
export async function demoPerson(
  client: BenchClient,
  options: { seed: string; email: string; endDate: string; days: number; timeZone: string },
): Promise<{ user: BenchUser; batches: DemoBatch[] }> {
  const demo = generateDemoData(options);
  const [first] = demo.devices;
  if (!first) throw new Error('no demo device');
  const user = await createBenchUser(client, options.email, options.timeZone, {
    name: first.name,
    kind: first.kind,
  });
  const batches: DemoBatch[] = [];
  for (const device of demo.devices) {
    const { id, token } =
      device === first
        ? { id: user.deviceId, token: user.deviceToken }
        : (
            await client.json<{ id: string; token: string }>('POST', '/api/v1/devices', {
              body: { name: device.name, kind: device.kind },
              headers: { cookie: user.cookie },
              expected: 201,
            })
          ).body;
    const own = demo.samples
      .filter((s) => s.sourceDevice === device.id)
      .map((s) => ({ ...s, sourceDevice: id }));
    for (let at = 0; at < own.length; at += MAX_SAMPLES_PER_SYNC) {
      const samples = own.slice(at, at + MAX_SAMPLES_PER_SYNC);
      batches.push({
        deviceId: id,
        token,
        body: JSON.stringify({ samples }),
        samples: samples.length,
      });
    }
  }
  return { user, batches };
}

/** Sends one batch; anything but 200 is an error. Returns how many samples were stored. */
export async function sendBatch(client: BenchClient, batch: DemoBatch): Promise<number> {
  const res = await client.request('POST', `/api/v1/devices/${batch.deviceId}/sync`, {
    body: batch.body,
    headers: { authorization: `Bearer ${batch.token}` },
  });
  if (res.status !== 200) throw new Error(`sync ${res.status}: ${res.body.slice(0, 200)}`);
  return (JSON.parse(res.body) as { synced: number }).synced;
}
