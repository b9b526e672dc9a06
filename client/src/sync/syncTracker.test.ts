import { describe, expect, it } from 'vitest';
import { SyncTracker } from './syncTracker.js';

const page = (n: number, position: number) => ({
  documents: Array.from({ length: n }, () => ({})),
  checkpoint: n > 0 ? { position, id: 'x' } : null,
});

class MemoryStore {
  readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

describe('SyncTracker', () => {
  it('is not caught up until every collection has pulled a short page', () => {
    const tracker = new SyncTracker(null, 'k', () => 1000);
    tracker.pulled('settings', undefined, page(1, 5), 10);
    tracker.pulled('devices', undefined, page(3, 4), 200);
    expect(tracker.snapshot.catchUp.done).toBe(false);
    tracker.pulled('series', undefined, page(1000, 900), 1000);
    tracker.pulled('rollups', undefined, page(20, 950), 1000);
    tracker.pulled('insights', undefined, page(0, 0), 200);
    tracker.pulled('freshness', undefined, page(0, 0), 10);
    expect(tracker.snapshot.catchUp).toMatchObject({ pulled: 1024, done: false });
    tracker.pulled('series', { position: 900, id: 'x' }, page(10, 960), 1000);
    expect(tracker.snapshot.catchUp).toEqual({ pulled: 1034, estimatedTotal: 1034, done: true });
  });

  it('remembers when it last synced, and clears an error on the next success', () => {
    const store = new MemoryStore();
    let now = 5000;
    const tracker = new SyncTracker(store, 'last', () => now);
    tracker.failed({ code: 'internal', message: 'boom' });
    expect(tracker.snapshot.error?.code).toBe('internal');
    tracker.pushed();
    expect(tracker.snapshot).toMatchObject({ error: null, lastSyncedAt: 5000 });
    now = 9000;
    tracker.pulled('rollups', undefined, page(2, 3), 1000);
    expect(new SyncTracker(store, 'last').snapshot.lastSyncedAt).toBe(9000);
  });
});
