import type { CreateDevice, CreateDeviceResponse } from '@hearth/schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalChanges } from '../data/localChanges.js';
import { createHearthDatabase } from '../db/database.js';
import { PENDING_UPDATED_AT, type HearthDatabase } from '../db/types.js';
import { loadDemoData } from './loadDemoData.js';

const zone = 'Asia/Kolkata';
const now = Date.parse('2026-05-20T08:00:00Z'); // 13:30 local
let db: HearthDatabase;
let created: CreateDevice[];

async function createDevice(body: CreateDevice): Promise<CreateDeviceResponse> {
  created.push(body);
  const device = {
    id: `dev-${created.length}`,
    ...body,
    lastSyncAt: null,
    createdAt: '2026-05-01T00:00:00.000Z',
  };
  // What replication would bring back after the server registered it.
  await db.devices.insert({ ...device, updatedAt: '2026-05-01T00:00:00.000Z' });
  return { ...device, token: 'secret' };
}

beforeEach(async () => {
  created = [];
  db = await createHearthDatabase({
    name: `demo-${Date.now()}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  await db.devices.insert({
    id: 'manual-1',
    name: 'Manual entry',
    kind: 'manual_entry',
    lastSyncAt: null,
    createdAt: '2026-05-01T00:00:00.000Z',
    updatedAt: '2026-05-01T00:00:00.000Z',
  });
});
afterEach(() => db.close());

describe('loadDemoData', () => {
  it('registers the demo devices and writes their history as series waiting to upload', async () => {
    const changes = new LocalChanges(null, 'k');
    const progress: number[] = [];
    const result = await loadDemoData(db, changes, {
      timeZone: zone,
      today: '2026-05-20',
      now,
      days: 3,
      createDevice,
      onProgress: (p) => progress.push(p.written),
    });
    expect(created.map((d) => d.kind).sort()).toEqual([
      'apple_watch',
      'iphone',
      'third_party_scale',
      'third_party_wearable',
    ]);
    const series = (await db.series.find().exec()).map((d) => d.toJSON());
    expect(series).toHaveLength(result.series);
    expect(result.samples).toBeGreaterThan(2 * 1000);
    expect(series.every((s) => s.updatedAt === PENDING_UPDATED_AT)).toBe(true);
    const deviceIds = new Set(series.map((s) => s.deviceId));
    expect([...deviceIds].every((id) => id === 'manual-1' || id.startsWith('dev-'))).toBe(true);
    // Nothing from the future: today stops at 13:30 local.
    expect(Math.max(...series.flatMap((s) => s.points.map((p) => p[1] ?? 0)))).toBeLessThanOrEqual(
      now,
    );
    expect(progress[progress.length - 1]).toBe(result.series);
    expect(changes.state.days.has('STEPS|2026-05-20')).toBe(true);
    expect(changes.state.days.has('STEPS|2026-05-18')).toBe(true);
  });

  it('loads into the same devices and series when run again', async () => {
    const options = { timeZone: zone, today: '2026-05-20', now, days: 2, createDevice };
    const first = await loadDemoData(db, new LocalChanges(null, 'a'), options);
    const second = await loadDemoData(db, new LocalChanges(null, 'b'), options);
    expect(created).toHaveLength(4);
    expect(second).toEqual(first);
    expect(await db.series.count().exec()).toBe(first.series);
  });
});
