import { startOfLocalDate } from '@hearth/core';
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

async function addRollup(day: string, updatedAt: string) {
  const startMs = startOfLocalDate(day, zone);
  await db.rollups.insert({
    id: `STEPS|day|${day}`,
    type: 'STEPS',
    period: 'day',
    periodStart: `${day}T00:00:00+02:00`,
    startMs,
    value: 100,
    sampleCount: 1,
    updatedAt,
  });
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
  it('forgets a day once its series are uploaded and its rollup is newer', async () => {
    await addSeries('2026-04-01', uploadedAt);
    await addRollup('2026-04-01', '2026-04-02T10:00:01.000Z');
    // Ten days later, still waiting to upload.
    await addSeries('2026-04-11', PENDING_UPDATED_AT);
    await addRollup('2026-04-11', '2026-04-12T10:00:00.000Z');
    // Uploaded, but the worker has not rolled it up again yet.
    await addSeries('2026-04-21', uploadedAt);
    await addRollup('2026-04-21', '2026-04-02T09:00:00.000Z');
    changes.addDays(
      ['2026-04-01', '2026-04-11', '2026-04-21', '2026-05-01'].map((d) => changedDay('STEPS', d)),
    );
    await pruneLocalChanges(db, changes, zone, Date.now());
    // 04-01 caught up; 05-01 has neither series nor rollup, so there is nothing to wait for.
    expect([...changes.state.days].sort()).toEqual(['STEPS|2026-04-11', 'STEPS|2026-04-21']);
  });

  it('keeps a settings change until it is uploaded and old enough', async () => {
    const now = Date.UTC(2026, 3, 2, 12);
    await db.settings.insert({
      id: 'settings',
      timeZone: zone,
      goals: {},
      sourcePriority: [],
      updatedAt: PENDING_UPDATED_AT,
    });
    changes.settingsChanged(now - 60 * 60_000);
    await pruneLocalChanges(db, changes, zone, now);
    expect(changes.state.settingsChangedAt).not.toBeNull();
    const doc = await db.settings.findOne('settings').exec();
    await doc!.incrementalPatch({ updatedAt: uploadedAt });
    await pruneLocalChanges(db, changes, zone, now);
    expect(changes.state.settingsChangedAt).toBeNull();
  });
});
