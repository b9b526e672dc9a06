import { generateDemoData, type DemoDevice } from '@hearth/core';
import type { CreateDevice, CreateDeviceResponse, LocalDate } from '@hearth/schema';
import type { LocalChanges } from '../data/localChanges.js';
import { writeSamples, type WriteProgress } from '../data/writeSamples.js';
import type { DeviceRow, HearthDatabase } from '../db/types.js';

export const DEMO_DAYS = 90;

export type DemoProgress = WriteProgress;

export type DemoLoadOptions = {
  timeZone: string;
  /** The local date the history ends on (today). */
  today: LocalDate;
  /** Samples that end after this instant have not happened yet and are left out. */
  now: number;
  days?: number;
  /** Registers a device on the server (POST /devices) and returns it with its id. */
  createDevice: (body: CreateDevice) => Promise<CreateDeviceResponse>;
  onProgress?: (progress: DemoProgress) => void;
};

/**
 * Maps each demo device to a device of the account: the existing one of the same kind and name
 * (so loading twice writes into the same series), the account's manual-entry device for manual
 * entries, or a newly registered one.
 */
async function demoDeviceIds(
  demo: readonly DemoDevice[],
  existing: readonly DeviceRow[],
  createDevice: DemoLoadOptions['createDevice'],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const device of demo) {
    const match =
      existing.find((d) => d.kind === device.kind && d.name === device.name) ??
      (device.kind === 'manual_entry'
        ? existing.find((d) => d.kind === 'manual_entry')
        : undefined);
    const id = match?.id ?? (await createDevice({ name: device.name, kind: device.kind })).id;
    ids.set(device.id, id);
  }
  return ids;
}

/**
 * "Load demo data": registers the demo devices, then writes core's generated history into the
 * local replica as series — the normal path, so replication uploads it like any other entry and
 * the screens show it at once (computed here until the server's rollups arrive).
 */
export async function loadDemoData(
  db: HearthDatabase,
  localChanges: LocalChanges,
  options: DemoLoadOptions,
): Promise<{ samples: number; series: number }> {
  const demo = generateDemoData({
    seed: 'hearth-demo',
    endDate: options.today,
    days: options.days ?? DEMO_DAYS,
    timeZone: options.timeZone,
  });
  const existing = (await db.devices.find().exec()).map((d) => d.toJSON() as DeviceRow);
  const ids = await demoDeviceIds(demo.devices, existing, options.createDevice);
  const samples = demo.samples
    .filter((s) => Date.parse(s.endDate) <= options.now)
    .map((s) => ({ ...s, sourceDevice: ids.get(s.sourceDevice) ?? s.sourceDevice }));
  const { series } = await writeSamples(
    db,
    localChanges,
    samples,
    options.timeZone,
    options.onProgress,
  );
  return { samples: samples.length, series };
}
