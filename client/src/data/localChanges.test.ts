import { describe, expect, it } from 'vitest';
import { LocalChanges, changedDay, parseChangedDay } from './localChanges.js';

class MemoryStore {
  private readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

describe('LocalChanges', () => {
  it('remembers changed days, their upload positions and settings changes across reloads', () => {
    const store = new MemoryStore();
    const first = new LocalChanges(store, 'k');
    first.addDays([changedDay('STEPS', '2026-03-01'), changedDay('WEIGHT', '2026-03-02')]);
    first.uploaded([changedDay('STEPS', '2026-03-01')], 12);
    first.settingsChanged(1234);
    first.settingsUploaded(13);
    const reloaded = new LocalChanges(store, 'k');
    expect([...reloaded.state.days].sort()).toEqual([
      ['STEPS|2026-03-01', 12],
      ['WEIGHT|2026-03-02', null],
    ]);
    expect(reloaded.state.settingsChangedAt).toBe(1234);
    expect(reloaded.state.settingsUploadedAt).toBe(13);
    reloaded.forgetDays([['STEPS|2026-03-01', 12]]);
    reloaded.clearSettingsChange({ changedAt: 1234, uploadedAt: 13 });
    expect(new LocalChanges(store, 'k').state).toEqual({
      days: new Map([['WEIGHT|2026-03-02', null]]),
      settingsChangedAt: null,
      settingsUploadedAt: null,
    });
  });

  it('reads days saved without positions as uploaded at 0', () => {
    const store = new MemoryStore();
    store.setItem('k', JSON.stringify({ days: ['STEPS|2026-03-01'], settingsChangedAt: 5 }));
    const changes = new LocalChanges(store, 'k');
    expect([...changes.state.days]).toEqual([['STEPS|2026-03-01', 0]]);
    expect(changes.state.settingsUploadedAt).toBe(0);
  });

  it('keeps the latest upload, and a day written after an upload started waits for the next', () => {
    const changes = new LocalChanges(null, 'k');
    const day = changedDay('STEPS', '2026-03-01');
    changes.addDays([day]);
    const before = changes.writeCount;
    changes.addDays([day]);
    changes.uploaded([day], 20, before);
    expect(changes.state.days.get(day)).toBeNull();
    changes.uploaded([day], 30);
    changes.uploaded([day], 25);
    expect(changes.state.days.get(day)).toBe(30);
    // Forgetting checks the state it was decided on: a newer write stays.
    changes.addDays([day]);
    changes.forgetDays([[day, 30]]);
    expect(changes.state.days.has(day)).toBe(true);
  });

  it('emits only when something changed, and survives a corrupt store', () => {
    const store = new MemoryStore();
    store.setItem('k', '{not json');
    const changes = new LocalChanges(store, 'k');
    expect(changes.state.days.size).toBe(0);
    const seen: number[] = [];
    changes.state$.subscribe((s) => seen.push(s.days.size));
    changes.addDays(['STEPS|2026-03-01']);
    changes.addDays(['STEPS|2026-03-01']);
    changes.forgetDays([['STEPS|2026-03-09', null]]);
    expect(seen).toEqual([0, 1]);
    expect(parseChangedDay('SLEEP_ANALYSIS|2026-03-01')).toEqual({
      type: 'SLEEP_ANALYSIS',
      day: '2026-03-01',
    });
  });
});
