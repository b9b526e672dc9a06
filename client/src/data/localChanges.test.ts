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
  it('remembers changed days and settings changes across reloads', () => {
    const store = new MemoryStore();
    const first = new LocalChanges(store, 'k');
    first.addDays([changedDay('STEPS', '2026-03-01'), changedDay('WEIGHT', '2026-03-02')]);
    first.settingsChanged(1234);
    const reloaded = new LocalChanges(store, 'k');
    expect([...reloaded.state.days].sort()).toEqual(['STEPS|2026-03-01', 'WEIGHT|2026-03-02']);
    expect(reloaded.state.settingsChangedAt).toBe(1234);
    reloaded.removeDays(['STEPS|2026-03-01']);
    reloaded.clearSettingsChange();
    expect(new LocalChanges(store, 'k').state).toEqual({
      days: new Set(['WEIGHT|2026-03-02']),
      settingsChangedAt: null,
    });
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
    changes.removeDays(['STEPS|2026-03-09']);
    expect(seen).toEqual([0, 1]);
    expect(parseChangedDay('SLEEP_ANALYSIS|2026-03-01')).toEqual({
      type: 'SLEEP_ANALYSIS',
      day: '2026-03-01',
    });
  });
});
