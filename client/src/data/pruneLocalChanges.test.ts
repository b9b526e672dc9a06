import { startOfLocalDate } from '@hearth/core';
import { defaultPreferences } from '@hearth/schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHearthDatabase } from '../db/database.js';
import { PENDING_UPDATED_AT, type HearthDatabase } from '../db/types.js';
import { LocalChanges, changedDay } from './localChanges.js';
import { pruneLocalChanges } from './pruneLocalChanges.js';

const zone = 'Europe/Berlin';
const uploadedAt = '2026-04-02T10:00:00.000Z';
let db: HearthDatabase;
let changes: LocalChanges;

async function addSeries(day: string, updatedAt: string) {
  const hourStart = startOfLocalDate(day, zone) + 10 * 3_600_000;
  await db.series.insert({
    id: `phone|STEPS|${hourStart}`,
    deviceId: 'phone',
    type: 'STEPS',
    hourStart,
    points: [[hourStart, hourStart + 60_000, 100]],
    updatedAt,
  });
}

async function setWatermark(rolledUpTo: number) {
  await db.freshness.upsert({ id: 'rollups', rolledUpTo });
}

beforeEach(async () => {
  db = await createHearthDatabase({
    name: `prune-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  changes = new LocalChanges(null, 'k');
});
afterEach(() => db.close());

describe('pruneLocalChanges', () => {
  it('forgets a day once nothing of it waits to upload and the watermark covers its upload', async () => {
    await addSeries('2026-04-01', uploadedAt);
    await addSeries('2026-04-11', PENDING_UPDATED_AT);
    await addSeries('2026-04-21', uploadedAt);
    const days = ['2026-04-01', '2026-04-11', '2026-04-21', '2026-05-01'].map((d) =>
      changedDay('STEPS', d),
    );
    changes.addDays(days);
    changes.uploaded([days[0]!, days[1]!, days[3]!], 10);
    changes.uploaded([days[2]!], 30);
    await pruneLocalChanges(db, changes, zone);
    // No watermark replicated yet: nothing is known to be included.
    expect(changes.state.days.size).toBe(4);
    await setWatermark(20);
    await pruneLocalChanges(db, changes, zone);
    // 04-11 still waits to upload; 04-21's upload is past the watermark.
    expect([...changes.state.days.keys()].sort()).toEqual(['STEPS|2026-04-11', 'STEPS|2026-04-21']);
    await setWatermark(30);
    await pruneLocalChanges(db, changes, zone);
    expect([...changes.state.days.keys()]).toEqual(['STEPS|2026-04-11']);
  });

  it('keeps a settings change until it is uploaded and covered by the watermark', async () => {
    await db.settings.insert({
      id: 'settings',
      timeZone: zone,
      goals: {},
      sourcePriority: [],
      preferences: defaultPreferences(),
      updatedAt: PENDING_UPDATED_AT,
    });
    await setWatermark(50);
    changes.settingsChanged(1000);
    await pruneLocalChanges(db, changes, zone);
    expect(changes.state.settingsChangedAt).not.toBeNull();
    const doc = await db.settings.findOne('settings').exec();
    await doc!.incrementalPatch({ updatedAt: uploadedAt });
    changes.settingsUploaded(60);
    await pruneLocalChanges(db, changes, zone);
    expect(changes.state.settingsChangedAt).not.toBeNull();
    await setWatermark(60);
    await pruneLocalChanges(db, changes, zone);
    expect(changes.state.settingsChangedAt).toBeNull();
  });
});
