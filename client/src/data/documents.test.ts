import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHearthDatabase } from '../db/database.js';
import { PENDING_UPDATED_AT, type HearthDatabase } from '../db/types.js';
import { defaultSettings, updateSettings } from './documents.js';
import { LocalChanges } from './localChanges.js';

const fallback = defaultSettings({ timeZone: 'Europe/Berlin' });
let db: HearthDatabase;
let localChanges: LocalChanges;
let run = 0;

beforeEach(async () => {
  db = await createHearthDatabase({
    name: `documents-${run++}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  localChanges = new LocalChanges(null, 'k');
});
afterEach(() => db.close());

const stored = async () => (await db.settings.findOne('settings').exec())?.toJSON();

describe('updateSettings', () => {
  it('records a new time zone as a local change where it writes it, even the first write', async () => {
    await updateSettings({ db, localChanges }, fallback, { timeZone: 'Asia/Tokyo' });
    expect(localChanges.state.settingsChangedAt).not.toBeNull();
    expect(await stored()).toMatchObject({
      timeZone: 'Asia/Tokyo',
      updatedAt: PENDING_UPDATED_AT,
    });
  });

  it('records a new device order, and not the same order written again', async () => {
    await updateSettings({ db, localChanges }, fallback, { sourcePriority: ['watch', 'phone'] });
    const first = localChanges.state.settingsChangedAt;
    expect(first).not.toBeNull();
    localChanges.clearSettingsChange({ changedAt: first ?? 0, uploadedAt: null });
    await updateSettings({ db, localChanges }, fallback, { sourcePriority: ['watch', 'phone'] });
    expect(localChanges.state.settingsChangedAt).toBeNull();
    await updateSettings({ db, localChanges }, fallback, { sourcePriority: ['phone', 'watch'] });
    expect(localChanges.state.settingsChangedAt).not.toBeNull();
    expect((await stored())?.sourcePriority).toEqual(['phone', 'watch']);
  });

  it('leaves goals, preferences and an unchanged zone out: the rollups do not depend on them', async () => {
    await updateSettings({ db, localChanges }, fallback, {
      timeZone: fallback.timeZone,
      goals: { STEPS: 12_000 },
    });
    await updateSettings({ db, localChanges }, fallback, {
      preferences: { ...fallback.preferences, hourCycle: 'h23' },
    });
    expect(localChanges.state.settingsChangedAt).toBeNull();
    expect(await stored()).toMatchObject({ goals: { STEPS: 12_000 } });
  });
});
