import { describe, expect, it } from 'vitest';
import { resolveSourcePriority, type PrioritisedDevice } from './priority.js';

const devices: PrioritisedDevice[] = [
  { id: 'manual', kind: 'manual_entry', createdAt: '2026-01-01T00:00:00Z' },
  { id: 'scale', kind: 'third_party_scale', createdAt: '2026-01-02T00:00:00Z' },
  { id: 'phone', kind: 'iphone', createdAt: '2026-01-03T00:00:00Z' },
  { id: 'watch-new', kind: 'apple_watch', createdAt: '2026-02-01T00:00:00Z' },
  { id: 'watch-old', kind: 'apple_watch', createdAt: '2026-01-05T00:00:00Z' },
  { id: 'band', kind: 'third_party_wearable', createdAt: '2026-01-04T00:00:00Z' },
  { id: 'ipad', kind: 'ipad', createdAt: '2026-01-04T00:00:00Z' },
];

describe('resolveSourcePriority', () => {
  it('orders by kind priority, then registration time, when nothing is explicit', () => {
    expect(resolveSourcePriority(devices, [])).toEqual([
      'watch-old',
      'watch-new',
      'phone',
      'ipad',
      'band',
      'scale',
      'manual',
    ]);
  });

  it("puts the user's explicit order first and the rest after by default priority", () => {
    expect(resolveSourcePriority(devices, ['band', 'manual'])).toEqual([
      'band',
      'manual',
      'watch-old',
      'watch-new',
      'phone',
      'ipad',
      'scale',
    ]);
  });

  it('ignores ids of devices that do not exist and repeated ids', () => {
    expect(resolveSourcePriority(devices, ['gone', 'phone', 'phone', 'gone'])).toEqual([
      'phone',
      'watch-old',
      'watch-new',
      'ipad',
      'band',
      'scale',
      'manual',
    ]);
  });

  it('breaks ties by id, compares instants across offsets, and puts bad dates last', () => {
    const same: PrioritisedDevice[] = [
      { id: 'b', kind: 'iphone', createdAt: '2026-01-01T00:00:00Z' },
      { id: 'a', kind: 'iphone', createdAt: '2026-01-01T01:00:00+01:00' },
      { id: 'c', kind: 'iphone', createdAt: '2025-12-31T23:30:00-01:00' },
      { id: 'd', kind: 'iphone', createdAt: 'unknown' },
    ];
    expect(resolveSourcePriority(same, [])).toEqual(['a', 'b', 'c', 'd']);
    expect(resolveSourcePriority([...same].reverse(), [])).toEqual(['a', 'b', 'c', 'd']);
  });

  it('returns nothing without devices, even with an explicit order', () => {
    expect(resolveSourcePriority([], ['watch'])).toEqual([]);
  });
});
