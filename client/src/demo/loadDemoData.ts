import {
  generateDemoData,
  groupIntoSeries,
  localDaysTouched,
  mergeSeriesPoints,
  type DemoDevice,
} from '@hearth/core';
import type { CreateDevice, CreateDeviceResponse, HealthSample, LocalDate } from '@hearth/schema';
import type { ChangedDay, LocalChanges } from '../data/localChanges.js';
import {
  PENDING_UPDATED_AT,
  type DeviceRow,
  type HearthDatabase,
  type SeriesRow,
} from '../db/types.js';

export const DEMO_DAYS = 90;
const WRITE_CHUNK = 1000;

export type DemoProgress = { written: number; total: number };

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

function changedDays(samples: readonly HealthSample[], timeZone: string): Set<ChangedDay> {
  const days = new Set<ChangedDay>();
  for (const s of samples) {
    const start = Date.parse(s.startDate);
    const end = Date.parse(s.endDate);
    for (const day of localDaysTouched(s.type, start, end, timeZone)) days.add(`${s.type}|${day}`);
  }
  return days;
}

async function writeSeries(
  db: HearthDatabase,
  groups: ReturnType<typeof groupIntoSeries>,
  onProgress?: (progress: DemoProgress) => void,
): Promise<void> {
  for (let i = 0; i < groups.length; i += WRITE_CHUNK) {
    const chunk = groups.slice(i, i + WRITE_CHUNK);
    const existing = await db.series.findByIds(chunk.map((g) => g.id)).exec();
    const rows: SeriesRow[] = chunk.map((g) => {
      const current = existing.get(g.id);
      const points = current ? mergeSeriesPoints(current.points, g.points) : g.points;
      return { ...g, points, updatedAt: PENDING_UPDATED_AT };
    });
    await db.series.bulkUpsert(rows);
    onProgress?.({ written: i + chunk.length, total: groups.length });
  }
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
  const groups = groupIntoSeries(samples);
  localChanges.addDays(changedDays(samples, options.timeZone));
  await writeSeries(db, groups, options.onProgress);
  return { samples: samples.length, series: groups.length };
}
