import { generateDemoData } from '@hearth/core';
import {
  adminStatsSchema,
  createDeviceResponseSchema,
  devicesResponseSchema,
  type HealthSample,
} from '@hearth/schema';

const BATCH = 5000;

/** A minimal cookie-keeping client for the bench's own API calls. */
export class ApiClient {
  private cookie = '';
  constructor(readonly baseUrl: string) {}

  async request(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    if (!response.ok)
      throw new Error(
        `${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`,
      );
    return response.status === 204 ? null : ((await response.json()) as unknown);
  }

  get sessionCookie(): string {
    return this.cookie;
  }
}

export type SeededYear = { samples: number; devices: number; seconds: number };

/**
 * Registers the account, its four demo devices, and sends a year of core's demo data through
 * the device ingest API (as the devices themselves would), then waits for the rollup worker.
 */
export async function seedYear(
  api: ApiClient,
  account: { email: string; password: string; timeZone: string },
  endDate: string,
): Promise<SeededYear> {
  const started = Date.now();
  await api.request('/auth/register', { method: 'POST', body: account });
  const existing = devicesResponseSchema.parse(await api.request('/devices')).devices;
  const demo = generateDemoData({
    seed: 'bench-year',
    endDate,
    days: 365,
    timeZone: account.timeZone,
  });
  const tokens = new Map<string, { id: string; token?: string }>();
  for (const device of demo.devices) {
    if (device.kind === 'manual_entry') {
      const manual = existing.find((d) => d.kind === 'manual_entry');
      if (manual) tokens.set(device.id, { id: manual.id });
      continue;
    }
    const created = createDeviceResponseSchema.parse(
      await api.request('/devices', {
        method: 'POST',
        body: { name: device.name, kind: device.kind },
      }),
    );
    tokens.set(device.id, { id: created.id, token: created.token });
  }
  const byDevice = new Map<string, HealthSample[]>();
  for (const sample of demo.samples) {
    const list = byDevice.get(sample.sourceDevice) ?? [];
    list.push(sample);
    byDevice.set(sample.sourceDevice, list);
  }
  for (const [demoId, samples] of byDevice) {
    const target = tokens.get(demoId);
    if (!target) continue;
    for (let i = 0; i < samples.length; i += BATCH) {
      const batch = samples.slice(i, i + BATCH).map(({ sourceDevice: _source, ...raw }) => raw);
      await api.request(`/devices/${target.id}/sync`, {
        method: 'POST',
        body: { samples: batch },
        ...(target.token ? { token: target.token } : {}),
      });
    }
  }
  await waitForRollups(api);
  return {
    samples: demo.samples.length,
    devices: tokens.size,
    seconds: (Date.now() - started) / 1000,
  };
}

async function waitForRollups(api: ApiClient): Promise<void> {
  const deadline = Date.now() + 15 * 60_000;
  while (Date.now() < deadline) {
    const stats = adminStatsSchema.parse(await api.request('/admin/stats'));
    // Batches are folded into series first, which queues their days: both must be empty.
    if (stats.inboxBatches === 0 && stats.queueDepth === 0) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('the inbox and rollup queue did not drain within 15 minutes');
}
