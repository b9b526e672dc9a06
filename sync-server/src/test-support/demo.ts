import type { FastifyInstance } from 'fastify';
import { generateDemoData, type DemoDataOptions } from '@hearth/core';
import { MAX_SAMPLES_PER_SYNC, type HealthSample } from '@hearth/schema';
import { createDevice, syncSamples, type TestDevice, type TestUser } from './http.js';

export interface LoadedDemo {
  /** Demo device id → the server device it was sent through. */
  devices: Map<string, TestDevice>;
  /** The samples as stored: `sourceDevice` is the server device id. */
  samples: HealthSample[];
}

/**
 * Registers a server device for every demo device and sends the generated samples through the
 * device ingest route, in batches of at most 5,000.
 */
export async function loadDemoData(
  app: FastifyInstance,
  user: TestUser,
  options: DemoDataOptions,
): Promise<LoadedDemo> {
  const demo = generateDemoData(options);
  const devices = new Map<string, TestDevice>();
  for (const d of demo.devices) {
    devices.set(d.id, await createDevice(app, user, { name: d.name, kind: d.kind }));
  }
  const samples: HealthSample[] = [];
  for (const [demoId, device] of devices) {
    const own = demo.samples
      .filter((s) => s.sourceDevice === demoId)
      .map((s) => ({ ...s, sourceDevice: device.id }));
    for (let i = 0; i < own.length; i += MAX_SAMPLES_PER_SYNC) {
      const res = await syncSamples(app, device, own.slice(i, i + MAX_SAMPLES_PER_SYNC));
      const body = res.json<{ errors: number }>();
      if (res.statusCode !== 200 || body.errors > 0) {
        throw new Error(`demo sync failed ${res.statusCode}: ${res.body.slice(0, 500)}`);
      }
    }
    for (const s of own) samples.push(s);
  }
  return { devices, samples };
}
