import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { ChangeEvent } from '../notify.js';
import { SummaryCache, type SummaryCacheHub } from './summary-cache.js';

const listeningHub: SummaryCacheHub = {
  listening: true,
  onChange: () => () => {},
  onResync: () => () => {},
  onUserErased: () => () => {},
};

describe('summary cache', () => {
  it('answers what was stored, until the user is invalidated', () => {
    const cache = new SummaryCache(listeningHub);
    cache.set('u1', '2026-12-01', cache.generation('u1'), '{"a":1}');
    expect(cache.get('u1', '2026-12-01')).toBe('{"a":1}');
    cache.invalidate('u1');
    expect(cache.get('u1', '2026-12-01')).toBeUndefined();
  });

  it('steps aside while the hub is not listening', () => {
    const cache = new SummaryCache({ ...listeningHub, listening: false });
    cache.set('u1', '2026-12-01', cache.generation('u1'), '{}');
    expect(cache.get('u1', '2026-12-01')).toBeUndefined();
  });

  it('stays within its bounds however many users read', () => {
    const cache = new SummaryCache(listeningHub, { maxUsers: 10 });
    for (let i = 0; i < 1_000; i++) {
      cache.invalidate(`u${i}`);
      cache.set(`u${i}`, '2026-12-01', cache.generation(`u${i}`), '{}');
    }
    const kept = Array.from({ length: 1_000 }, (_, i) => cache.get(`u${i}`, '2026-12-01'));
    expect(kept.filter((v) => v !== undefined)).toHaveLength(10);
  });

  it('never stores a result read before an invalidation, whatever was evicted meanwhile', () => {
    type Step =
      | { kind: 'read'; user: number; reader: number }
      | { kind: 'store'; reader: number }
      | { kind: 'invalidate'; user: number }
      | { kind: 'clear' };
    const user = fc.integer({ min: 0, max: 30 });
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({
        kind: fc.constant('read' as const),
        user,
        reader: fc.integer({ min: 0, max: 4 }),
      }),
      fc.record({ kind: fc.constant('store' as const), reader: fc.integer({ min: 0, max: 4 }) }),
      fc.record({ kind: fc.constant('invalidate' as const), user }),
      fc.record({ kind: fc.constant('clear' as const) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        // Tiny bounds, so that generations are evicted all the time.
        const cache = new SummaryCache(listeningHub, { maxUsers: 1 });
        const version = new Map<number, number>();
        const readers = new Map<number, { user: number; generation: number; version: number }>();
        for (const s of steps) {
          if (s.kind === 'read') {
            const generation = cache.generation(`u${s.user}`);
            readers.set(s.reader, { user: s.user, generation, version: version.get(s.user) ?? 0 });
          } else if (s.kind === 'store') {
            const read = readers.get(s.reader);
            if (!read) continue;
            readers.delete(s.reader);
            cache.set(`u${read.user}`, 'day', read.generation, String(read.version));
          } else if (s.kind === 'invalidate') {
            version.set(s.user, (version.get(s.user) ?? 0) + 1);
            cache.invalidate(`u${s.user}`);
          } else {
            for (const u of version.keys()) version.set(u, (version.get(u) ?? 0) + 1);
            cache.clear();
          }
          for (let u = 0; u <= 30; u++) {
            const cached = cache.get(`u${u}`, 'day');
            if (cached !== undefined) expect(Number(cached)).toBe(version.get(u) ?? 0);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('re-reads the dates it held after the worker announces new rollups, once per burst', async () => {
    vi.useFakeTimers();
    try {
      let announce: (event: ChangeEvent) => void = () => {};
      const hub: SummaryCacheHub = {
        ...listeningHub,
        onChange: (listener) => {
          announce = listener;
          return () => {};
        },
      };
      const cache = new SummaryCache(hub);
      const reads: string[] = [];
      cache.warmWith(async (userId, date) => {
        reads.push(`${userId} ${date}`);
        cache.set(userId, date, cache.generation(userId), `fresh ${date}`);
      });
      cache.set('u1', '2026-12-01', cache.generation('u1'), 'old');
      cache.set('u1', '2026-12-02', cache.generation('u1'), 'old');
      for (let i = 0; i < 5; i++) announce({ userId: 'u1', collections: ['rollups'] });
      announce({ userId: 'u2', collections: ['rollups'] });
      expect(cache.get('u1', '2026-12-02')).toBeUndefined();
      await vi.runAllTimersAsync();
      expect(reads.sort()).toEqual(['u1 2026-12-01', 'u1 2026-12-02']);
      expect(cache.get('u1', '2026-12-02')).toBe('fresh 2026-12-02');
      cache.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('stores the summaries a NOTIFY carried, re-reads only the rest, and lets a later NOTIFY win', async () => {
    vi.useFakeTimers();
    try {
      let announce: (event: ChangeEvent) => void = () => {};
      const hub: SummaryCacheHub = {
        ...listeningHub,
        onChange: (listener) => {
          announce = listener;
          return () => {};
        },
      };
      const cache = new SummaryCache(hub);
      const reads: string[] = [];
      cache.warmWith(async (userId, date) => {
        reads.push(date);
        cache.set(userId, date, cache.generation(userId), `read ${date}`);
      });
      const opening: Array<(byDate: Map<string, string>) => void> = [];
      cache.acceptPushesWith((_userId, sealed) =>
        sealed === 'now'
          ? Promise.resolve(new Map([['2026-12-02', 'pushed']]))
          : new Promise((resolve) => opening.push(resolve)),
      );
      cache.set('u1', '2026-12-01', cache.generation('u1'), 'old');
      cache.set('u1', '2026-12-02', cache.generation('u1'), 'old');
      announce({ userId: 'u1', collections: ['rollups'], summaries: 'now' });
      await vi.runAllTimersAsync();
      expect(cache.get('u1', '2026-12-02')).toBe('pushed');
      expect(cache.get('u1', '2026-12-01')).toBe('read 2026-12-01');
      expect(reads).toEqual(['2026-12-01']);
      // A push still opening when the next NOTIFY arrives is older than what that one says.
      announce({ userId: 'u1', collections: ['rollups'], summaries: 'slow' });
      announce({ userId: 'u1', collections: ['rollups'] });
      opening.forEach((resolve) => resolve(new Map([['2026-12-03', 'stale']])));
      await vi.runAllTimersAsync();
      expect(cache.get('u1', '2026-12-03')).toBeUndefined();
      cache.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
