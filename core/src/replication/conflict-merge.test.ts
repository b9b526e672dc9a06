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
    fc.record({ minute: fc.integer({ min: 0, max: 5 }), value: fc.integer({ min: 0, max: 2 }) }),
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
  const at = (minute: number, value: number): SeriesPoint => [
    HOUR + minute * 60_000,
    HOUR + (minute + 1) * 60_000,
    value,
  ];
  const series = (points: SeriesPoint[], deleted = false): SeriesDoc => ({
    id: `manual|STEPS|${HOUR}`,
    deviceId: 'manual',
    type: 'STEPS',
    hourStart: HOUR,
    points,
    updatedAt: '2026-07-01T09:00:00.000Z',
    _deleted: deleted,
  });
  const live = (doc: SeriesDoc) => (doc._deleted ? [] : doc.points);
  const byKey = (doc: SeriesDoc) => new Map(live(doc).map((p) => [key(p), p]));

  it('keeps every change of either side and every removal the other side did not change', () => {
    fc.assert(
      fc.property(seriesArb, seriesArb, seriesArb, (assumed, master, local) => {
        const { doc } = resolveConflict('series', { assumed, master, local });
        const [before, theirs, mine, merged] = [assumed, master, local, doc].map(byKey);
        const same = (a?: SeriesPoint, b?: SeriesPoint) => JSON.stringify(a) === JSON.stringify(b);
        for (const k of new Set([...before!.keys(), ...theirs!.keys(), ...mine!.keys()])) {
          const [b, m, l, result] = [before, theirs, mine, merged].map((map) => map!.get(k));
          const changedHere = !same(b, l);
          const changedThere = !same(b, m);
          // A change made here (added or new value) wins, also over one made there.
          if (changedHere && l) expect(result).toEqual(l);
          // A change made there, where this device changed nothing, is kept, removals too.
          else if (!changedHere) expect(result).toEqual(m);
          // Removed here: it stays removed unless the server changed it, whose change is kept.
          else if (changedThere) expect(result).toEqual(m);
          else expect(result).toBeUndefined();
        }
        for (const k of merged!.keys()) expect(theirs!.has(k) || mine!.has(k)).toBe(true);
        // Deleted exactly when nothing is left and one side deleted the series.
        expect(doc._deleted).toBe(live(doc).length === 0 && (master._deleted || local._deleted));
        expect(doc.points).toEqual([...doc.points].sort(comparePoints));
      }),
    );
  });

  it('keeps a point this device removed removed while another device changed another one', () => {
    // Both saw minutes 0 and 1; this device deleted minute 0, another changed minute 1.
    const { doc, push } = resolveConflict('series', {
      assumed: series([at(0, 34), at(1, 94)]),
      master: series([at(0, 34), at(1, 149)]),
      local: series([at(1, 94)]),
    });
    expect([doc.points, doc._deleted, push]).toEqual([[at(1, 149)], false, true]);
  });

  it('keeps the server’s removal of a point this device holds as it last saw it', () => {
    const { doc } = resolveConflict('series', {
      assumed: series([at(0, 34), at(1, 94)]),
      master: series([at(1, 94)]),
      local: series([at(0, 34), at(1, 94), at(2, 7)]),
    });
    expect(doc.points).toEqual([at(1, 94), at(2, 7)]);
  });

  it('keeps a change over a concurrent removal of the same point, from either side', () => {
    const assumed = series([at(0, 34)]);
    const removedHere = resolveConflict('series', {
      assumed,
      master: series([at(0, 50)]),
      local: series([]),
    });
    expect(removedHere).toEqual({ doc: series([at(0, 50)]), push: false });
    const removedThere = resolveConflict('series', {
      assumed,
      master: series([]),
      local: series([at(0, 60)]),
    });
    expect(removedThere.doc.points).toEqual([at(0, 60)]);
  });

  it('keeps another device’s new value of a point against a stale copy', () => {
    // This device last saw 34 at minute 0 and added minute 1; another changed minute 0 to 149.
    const { doc } = resolveConflict('series', {
      assumed: series([at(0, 34)]),
      master: series([at(0, 149)]),
      local: series([at(0, 34), at(1, 94)]),
    });
    expect(doc.points).toEqual([at(0, 149), at(1, 94)]);
  });

  it('deletes the series when one side deleted it and the other changed none of its points', () => {
    const assumed = series([at(0, 34), at(1, 94)]);
    const tombstone = series([at(0, 34), at(1, 94)], true);
    const here = resolveConflict('series', { assumed, master: assumed, local: tombstone });
    expect([here.doc._deleted, here.doc.points, here.push]).toEqual([true, assumed.points, true]);
    // Another device removed a point meanwhile: nothing it changed is left, still deleted.
    const there = resolveConflict('series', {
      assumed,
      master: tombstone,
      local: series([at(0, 34)]),
    });
    expect(there).toEqual({ doc: tombstone, push: false });
    // A point changed on the other side outlives the deletion; the others stay deleted.
    const revived = resolveConflict('series', {
      assumed,
      master: series([at(0, 34), at(1, 150)]),
      local: tombstone,
    });
    expect([revived.doc._deleted, revived.doc.points]).toEqual([false, [at(1, 150)]]);
  });

  it('without a state it saw, keeps the union of both sides’ live points, its own value winning', () => {
    fc.assert(
      fc.property(seriesArb, seriesArb, (master, local) => {
        const { doc } = resolveConflict('series', { assumed: null, master, local });
        const localKeys = new Set(live(local).map(key));
        const expected = [
          ...live(local),
          ...live(master).filter((p) => !localKeys.has(key(p))),
        ].sort(comparePoints);
        expect(live(doc)).toEqual(expected);
        expect(doc._deleted).toBe(expected.length === 0 && (master._deleted || local._deleted));
      }),
    );
  });

  it('has nothing left to push exactly when the server already holds the merge', () => {
    fc.assert(
      fc.property(fc.option(seriesArb), seriesArb, seriesArb, (assumed, master, local) => {
        const first = resolveConflict('series', { assumed, master, local });
        if (!first.push) expect(first.doc).toBe(master);
        else expect(jsonEqual(first.doc, master)).toBe(false);
        // Once the merge is stored, meeting it again as the master adds nothing.
        const again = resolveConflict('series', { assumed, master: first.doc, local });
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
