import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeviceDoc, InsightDoc, SeriesDoc, SeriesPoint, SettingsDoc } from '@hearth/schema';
import { defaultPreferences } from '@hearth/schema';
import { comparePoints } from '../series/points.js';
import { resolveConflict } from './conflict-merge.js';
import { jsonEqual } from './json-equal.js';

const HOUR = Date.UTC(2026, 6, 1, 8);

/** Sorted, unique-by-(start, end) points inside one hour, as every series holds them. */
const pointsArb = fc
  .uniqueArray(
    fc.record({ minute: fc.integer({ min: 0, max: 5 }), value: fc.integer({ min: 0, max: 9 }) }),
    { selector: (p) => p.minute, maxLength: 6 },
  )
  .map((ps) =>
    ps
      .map(({ minute, value }): SeriesPoint => [
        HOUR + minute * 60_000,
        HOUR + (minute + 1) * 60_000,
        value,
      ])
      .sort(comparePoints),
  );

const seriesArb = fc
  .record({ points: pointsArb, deleted: fc.boolean() })
  .map(({ points, deleted }): SeriesDoc => ({
    id: `watch|STEPS|${HOUR}`,
    deviceId: 'watch',
    type: 'STEPS',
    hourStart: HOUR,
    points,
    updatedAt: '2026-07-01T09:00:00.000Z',
    _deleted: deleted,
  }));

const deviceArb = fc
  .record({ name: fc.constantFrom('Phone', 'Manual', 'Mine'), deleted: fc.boolean() })
  .map(({ name, deleted }): DeviceDoc => ({
    id: 'manual',
    name,
    kind: 'manual_entry',
    lastSyncAt: null,
    createdAt: '2026-07-01T00:00:00.000Z',
    updatedAt: '2026-07-01T09:00:00.000Z',
    _deleted: deleted,
  }));

const key = (p: SeriesPoint) => `${p[0]}-${p[1]}`;

describe('resolveConflict: series (R16)', () => {
  it('keeps every local point and every server point the device did not re-record', () => {
    fc.assert(
      fc.property(seriesArb, seriesArb, (master, local) => {
        const { doc } = resolveConflict('series', { assumed: null, master, local });
        const localKeys = new Set(local.points.map(key));
        const expected = [
          ...local.points,
          ...master.points.filter((p) => !localKeys.has(key(p))),
        ].sort(comparePoints);
        expect(doc.points).toEqual(expected);
        expect(doc._deleted).toBe(master._deleted && local._deleted);
      }),
    );
  });

  it('takes the server’s value for a point the device holds as it last saw it', () => {
    fc.assert(
      fc.property(seriesArb, seriesArb, seriesArb, (assumed, master, local) => {
        const { doc } = resolveConflict('series', { assumed, master, local });
        const seen = new Map(assumed.points.map((p) => [key(p), p]));
        const onServer = new Map(master.points.map((p) => [key(p), p]));
        const merged = new Map(doc.points.map((p) => [key(p), p]));
        for (const point of local.points) {
          const before = seen.get(key(point));
          const unchanged = before !== undefined && before[2] === point[2];
          const expected = unchanged ? (onServer.get(key(point)) ?? point) : point;
          expect(merged.get(key(point))).toEqual(expected);
        }
        // Nothing the server holds is dropped.
        for (const k of onServer.keys()) expect(merged.has(k)).toBe(true);
      }),
    );
  });

  it('keeps another device’s new value of a point against a stale copy (R16)', () => {
    const at = (minute: number, value: number): SeriesPoint => [
      HOUR + minute * 60_000,
      HOUR + (minute + 1) * 60_000,
      value,
    ];
    const base = (points: SeriesPoint[]): SeriesDoc => ({
      id: `manual|STEPS|${HOUR}`,
      deviceId: 'manual',
      type: 'STEPS',
      hourStart: HOUR,
      points,
      updatedAt: '2026-07-01T09:00:00.000Z',
      _deleted: false,
    });
    // This device last saw 34 at minute 0 and added minute 1; another changed minute 0 to 149.
    const { doc } = resolveConflict('series', {
      assumed: base([at(0, 34)]),
      master: base([at(0, 149)]),
      local: base([at(0, 34), at(1, 94)]),
    });
    expect(doc.points).toEqual([at(0, 149), at(1, 94)]);
  });

  it('has nothing left to push exactly when the server already holds the merge', () => {
    fc.assert(
      fc.property(seriesArb, seriesArb, (master, local) => {
        const first = resolveConflict('series', { assumed: null, master, local });
        if (!first.push) expect(first.doc).toBe(master);
        // Once the merge is stored, meeting it again as the master adds nothing.
        const again = resolveConflict('series', { assumed: null, master: first.doc, local });
        expect(again.push).toBe(false);
      }),
    );
  });
});

describe('resolveConflict: devices and settings (R16)', () => {
  it('keeps the fields this device changed and takes the server’s for the others', () => {
    fc.assert(
      fc.property(deviceArb, deviceArb, deviceArb, (assumed, master, local) => {
        const { doc, push } = resolveConflict('devices', { assumed, master, local });
        expect(doc.name).toBe(local.name !== assumed.name ? local.name : master.name);
        expect(doc._deleted).toBe(
          local._deleted !== assumed._deleted ? local._deleted : master._deleted,
        );
        expect(doc.updatedAt).toBe(master.updatedAt);
        expect(push).toBe(doc.name !== master.name || doc._deleted !== master._deleted);
      }),
    );
  });

  it('takes every client field from the device when it never saw the server’s state', () => {
    fc.assert(
      fc.property(deviceArb, deviceArb, (master, local) => {
        const { doc } = resolveConflict('devices', { assumed: null, master, local });
        expect([doc.name, doc._deleted]).toEqual([local.name, local._deleted]);
      }),
    );
  });

  it('merges two devices’ settings edits of different fields, keys in any order', () => {
    const base: SettingsDoc = {
      id: 'settings',
      timeZone: 'UTC',
      goals: { STEPS: 8000, SLEEP_ANALYSIS: 480 },
      sourcePriority: [],
      preferences: defaultPreferences(),
      updatedAt: '2026-07-01T09:00:00.000Z',
      _deleted: false,
    };
    // The server stored the same goals (jsonb reorders keys) and another device's zone.
    const master = {
      ...base,
      timeZone: 'Europe/Oslo',
      goals: { SLEEP_ANALYSIS: 480, STEPS: 8000 },
    };
    const local = { ...base, sourcePriority: ['watch'] };
    const { doc, push } = resolveConflict('settings', { assumed: base, master, local });
    expect(push).toBe(true);
    expect(jsonEqual(doc, { ...master, sourcePriority: ['watch'] })).toBe(true);
  });
});

describe('resolveConflict: insights (R16)', () => {
  it('never undoes an acknowledgement, from either side', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), (onServer, here) => {
        const insight: InsightDoc = {
          id: 'trend:STEPS:2026-07-01',
          type: 'trend',
          subject: 'STEPS',
          date: '2026-07-01',
          severity: 'low',
          message: 'Steps are up',
          data: {},
          acknowledged: onServer,
          createdAt: '2026-07-01T00:00:00.000Z',
          updatedAt: '2026-07-01T09:00:00.000Z',
          _deleted: false,
        };
        const local = { ...insight, acknowledged: here };
        const { doc, push } = resolveConflict('insights', {
          assumed: null,
          master: insight,
          local,
        });
        expect(doc.acknowledged).toBe(onServer || here);
        expect(push).toBe(here && !onServer);
      }),
    );
  });
});
