import type { HealthSample } from '@hearth/schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHearthDatabase } from '../../db/database.js';
import { PENDING_UPDATED_AT, type HearthDatabase, type SeriesRow } from '../../db/types.js';
import { LocalChanges } from '../../data/localChanges.js';
import { writeSamples } from '../../data/writeSamples.js';
import {
  changeSampleValue,
  deleteSample,
  deleteSourceData,
  editedValue,
  type SampleRef,
} from './sampleEdits.js';

const zone = 'Europe/Berlin';
let db: HearthDatabase;
let run = 0;

function steps(device: string, start: string, value: number): HealthSample {
  const startMs = Date.parse(start);
  return {
    type: 'STEPS',
    value,
    unit: 'steps',
    startDate: new Date(startMs).toISOString(),
    endDate: new Date(startMs + 5 * 60_000).toISOString(),
    sourceDevice: device,
  };
}

const SAMPLES = [
  steps('watch', '2026-03-01T10:00:00Z', 100),
  steps('watch', '2026-03-01T10:10:00Z', 200),
  steps('phone', '2026-03-02T08:00:00Z', 50),
];

async function allSeries(): Promise<SeriesRow[]> {
  return (await db.series.find().exec()).map((d) => d.toJSON() as SeriesRow);
}

async function refOf(device: string, value: number): Promise<SampleRef> {
  for (const s of await allSeries()) {
    const point = s.points.find((p) => p[2] === value);
    if (s.deviceId === device && point) {
      return { seriesId: s.id, type: s.type, start: point[0], end: point[1] };
    }
  }
  throw new Error('no such sample');
}

beforeEach(async () => {
  db = await createHearthDatabase({
    name: `edits-${run++}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  await writeSamples(db, new LocalChanges(null, 'seed'), SAMPLES, zone);
  // As if uploaded: nothing waits to upload before the edit under test.
  for (const doc of await db.series.find().exec()) await doc.incrementalPatch({ updatedAt: 'x' });
});
afterEach(() => db.close());

describe('sample edits in the replica', () => {
  it('deletes one sample, leaves its neighbours, marks its day and waits to upload', async () => {
    const changes = new LocalChanges(null, 'k');
    expect(await deleteSample(db, changes, await refOf('watch', 100), zone)).toBe(true);
    const [watch] = (await allSeries()).filter((s) => s.deviceId === 'watch');
    expect(watch?.points.map((p) => p[2])).toEqual([200]);
    expect(watch?.updatedAt).toBe(PENDING_UPDATED_AT);
    // An amount can move the counts of the next day too (core's localDaysTouched).
    expect([...changes.state.days.keys()]).toEqual(['STEPS|2026-03-01', 'STEPS|2026-03-02']);
  });

  it('answers false for a sample deleted meanwhile', async () => {
    const ref = await refOf('watch', 100);
    await deleteSample(db, new LocalChanges(null, 'a'), ref, zone);
    expect(await deleteSample(db, new LocalChanges(null, 'b'), ref, zone)).toBe(false);
  });

  it('changes the value of a sample and keeps its identity', async () => {
    const ref = await refOf('watch', 200);
    await changeSampleValue(db, new LocalChanges(null, 'k'), ref, 250, zone);
    const after = await refOf('watch', 250);
    expect(after).toEqual(ref);
  });

  it("deletes a source's series as tombstones and marks every day it had data", async () => {
    const changes = new LocalChanges(null, 'k');
    expect(await deleteSourceData(db, changes, 'watch', zone)).toBe(2);
    expect((await allSeries()).map((s) => s.deviceId)).toEqual(['phone']);
    expect([...changes.state.days.keys()]).toEqual(['STEPS|2026-03-01', 'STEPS|2026-03-02']);
  });

  it('refuses values core would refuse', () => {
    const ref = { seriesId: 's', type: 'STEPS' as const, start: 0, end: 60_000, value: 100 };
    const initial = { value: '100' };
    const edit = (value: string) => editedValue(ref, { value }, 'steps', initial);
    expect(edit('')).toEqual({ ok: false, message: 'Enter a number.' });
    expect(edit('abc')).toEqual({ ok: false, message: 'Enter a number.' });
    expect(edit('-5')).toEqual({
      ok: false,
      message: 'Steps must be at least 0 steps and at most 1,000,000 steps.',
    });
    expect(edit('120')).toEqual({ ok: true, value: 120 });
  });

  it('reads an edit in the display unit into the canonical unit', () => {
    const ref = {
      seriesId: 's',
      type: 'DISTANCE' as const,
      start: 0,
      end: 60_000,
      value: 1609.344,
    };
    expect(editedValue(ref, { value: '2' }, 'mi', { value: '1' })).toEqual({
      ok: true,
      value: 2 * 1609.344,
    });
    expect(editedValue(ref, { value: '1,5' }, 'km', { value: '1.61' })).toEqual({
      ok: true,
      value: 1500,
    });
  });
});
