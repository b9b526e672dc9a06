import { describe, expect, it } from 'vitest';
import type { Device, DeviceSyncResponse } from '@hearth/schema';
import type { ImportSource } from '@hearth/core/import';
import { DeviceDirectory } from './devices.js';
import { CliError } from './errors.js';
import { Uploader } from './uploader.js';
import { batchBody, encodeSample, type SourceBatch } from './batches.js';

const watch: ImportSource = {
  key: 'anna\u2019s apple watch',
  name: 'Anna’s Apple Watch',
  kind: 'apple_watch',
};
const phone: ImportSource = { key: 'iphone', name: 'iPhone', kind: 'iphone' };
const existing: Device = {
  id: 'dev-watch',
  name: "Anna's Apple Watch",
  kind: 'apple_watch',
  lastSyncAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};
const wire = encodeSample({ type: 'STEPS', value: 1, start: 0, end: 60_000, source: 0 });
const batch = (source: number, n: number): SourceBatch => ({
  source,
  count: n,
  body: Buffer.from(batchBody(Array<string>(n).fill(wire))),
});

/** A server whose answers the test releases one at a time. */
function heldServer() {
  const pending: Array<{ deviceId: string; settle: (r: DeviceSyncResponse | Error) => void }> = [];
  const created: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const api = {
    sync: (deviceId: string) =>
      new Promise<DeviceSyncResponse>((resolve, reject) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        pending.push({
          deviceId,
          settle: (r) => {
            inFlight--;
            if (r instanceof Error) reject(r);
            else resolve(r);
          },
        });
      }),
    createDevice: async (d: { name: string; kind: Device['kind'] }) => {
      created.push(d.name);
      return { ...existing, id: `dev-${created.length}`, name: d.name, kind: d.kind };
    },
  };
  return { api, pending, created, maxInFlight: () => maxInFlight };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Uploader', () => {
  it('keeps at most `limit` batches in flight: submit waits for a slot', async () => {
    const server = heldServer();
    const uploader = new Uploader(server.api, new DeviceDirectory(server.api, [existing]), 2);
    await uploader.submit(batch(0, 3), watch);
    await uploader.submit(batch(1, 2), phone);
    let third = false;
    const submitted = uploader.submit(batch(0, 1), watch).then(() => (third = true));
    await tick();
    expect(third).toBe(false);
    server.pending.shift()?.settle({ synced: 3, errors: 0 });
    await submitted;
    for (let i = 0; i < 10 && server.pending.length < 2; i++) await tick();
    for (const p of server.pending.splice(0))
      p.settle({ synced: p.deviceId === 'dev-watch' ? 1 : 2, errors: 0 });
    await uploader.finish();
    expect(server.maxInFlight()).toBe(2);
    expect(server.created).toEqual(['iPhone']);
    expect(uploader.totals.acknowledged).toBe(6);
    expect(uploader.totals.bySource.get(0)).toMatchObject({ device: existing, acknowledged: 4 });
  });

  it('counts refused samples by the server’s reason', async () => {
    const server = heldServer();
    const uploader = new Uploader(server.api, new DeviceDirectory(server.api, [existing]), 1);
    await uploader.submit(batch(0, 3), watch);
    for (let i = 0; i < 10 && server.pending.length < 1; i++) await tick();
    server.pending.shift()?.settle({
      synced: 1,
      errors: 2,
      errorDetails: [
        { index: 0, code: 'sample-invalid-value', error: 'Heart rate 400 bpm is outside 20-300' },
        { index: 2, code: 'sample-invalid-value', error: 'Heart rate 10 bpm is outside 20-300' },
      ],
    });
    await uploader.finish();
    expect(uploader.totals.refused).toEqual({
      'sample-invalid-value': { count: 2, example: 'Heart rate 400 bpm is outside 20-300' },
    });
  });

  it('stops at the first batch that fails for good: later submits and finish throw it', async () => {
    const server = heldServer();
    const uploader = new Uploader(server.api, new DeviceDirectory(server.api, [existing]), 1);
    await uploader.submit(batch(0, 3), watch);
    for (let i = 0; i < 10 && server.pending.length < 1; i++) await tick();
    const down = new CliError('server-unreachable', 'down');
    server.pending.shift()?.settle(down);
    await expect(uploader.submit(batch(0, 1), watch)).rejects.toBe(down);
    await expect(uploader.finish()).rejects.toBe(down);
    expect(uploader.totals.acknowledged).toBe(0);
  });
});
