import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { offsetAt, TimeError } from './index.js';
import { ZoneOffsets, zoneOffsets } from './zone-offsets.js';

/** The offset straight from Intl, one call per instant: the slow truth to check the cache by. */
function intlOffset(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

describe('zone offsets', () => {
  it('match Intl at any instant, including the seconds around a change', () => {
    const zones = ['America/New_York', 'Europe/Berlin', 'Asia/Kathmandu', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2035, 0, 1) }),
        (zone, t) => {
          expect(offsetAt(t, zone)).toBe(intlOffset(t, zone));
        },
      ),
      { numRuns: 300 },
    );
    const change = Date.parse('2026-03-08T07:00:00Z');
    expect(offsetAt(change - 1, 'America/New_York')).toBe(-5 * 3_600_000);
    expect(offsetAt(change, 'America/New_York')).toBe(-4 * 3_600_000);
  });

  it('cost a few thousand Intl calls for a year of hourly lookups, not one per lookup', () => {
    const spy = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    const zone = new ZoneOffsets('Europe/Berlin');
    const from = Date.UTC(2025, 0, 1);
    for (let t = from; t < from + 365 * 86_400_000; t += 60_000) zone.offsetAt(t);
    expect(spy.mock.calls.length).toBeLessThan(2500);
    spy.mockRestore();
  });

  it('refuses a zone Intl does not know, with a stable code', () => {
    expect(() => offsetAt(0, 'Mars/Olympus')).toThrow(TimeError);
    try {
      offsetAt(0, 'Mars/Olympus');
    } catch (error) {
      expect((error as TimeError).code).toBe('invalid-time-zone');
    }
  });

  it('keeps a bounded number of zone tables: every spelling Intl accepts is a name', () => {
    const inUse = zoneOffsets('Europe/Berlin');
    const first = zoneOffsets('europe/paris');
    // 'Europe/Paris' in 200 letter cases: each is a zone Intl accepts, so each could be a table.
    for (let variant = 1; variant <= 200; variant++) {
      const name = [...'europe/paris']
        .map((c, i) => ((variant >> (i % 8)) & 1 ? c.toUpperCase() : c))
        .join('');
      expect(zoneOffsets(name).offsetAt(0)).toBe(3_600_000);
      expect(zoneOffsets('Europe/Berlin')).toBe(inUse); // the zone in use stays learnt
    }
    expect(zoneOffsets('europe/paris')).not.toBe(first); // the least recently used went
  });
});
