import { sleepStageOfCode } from '@hearth/core';
import type { HealthSample } from '@hearth/schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHearthDatabase } from '../db/database.js';
import { PENDING_UPDATED_AT, type HearthDatabase } from '../db/types.js';
import { LocalChanges } from './localChanges.js';
import { writeSamples } from './writeSamples.js';

const zone = 'Europe/Berlin';
let db: HearthDatabase;
let run = 0;

function steps(device: string, start: string, minutes: number, value: number): HealthSample {
  const startMs = Date.parse(start);
  return {
    type: 'STEPS',
    value,
    unit: 'steps',
    startDate: new Date(startMs).toISOString(),
    endDate: new Date(startMs + minutes * 60_000).toISOString(),
    sourceDevice: device,
  };
}

const first = [
  steps('watch', '2026-03-01T22:50:00Z', 5, 100), // 23:50 in Berlin: 1 March
  steps('watch', '2026-03-01T23:10:00Z', 5, 200), // 00:10 in Berlin: 2 March
  steps('phone', '2026-03-01T23:10:00Z', 5, 150),
];

beforeEach(async () => {
  db = await createHearthDatabase({
    name: `write-${run++}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
});
afterEach(() => db.close());

describe('writeSamples', () => {
  it('writes series waiting to upload and marks the local days their samples touch', async () => {
    const changes = new LocalChanges(null, 'k');
    const result = await writeSamples(db, changes, first, zone);
    expect(result).toEqual({ series: 3, seriesWritten: 3, added: 3, replaced: 0 });
    const rows = (await db.series.find().exec()).map((d) => d.toJSON());
    expect(rows.every((r) => r.updatedAt === PENDING_UPDATED_AT)).toBe(true);
    expect(rows.flatMap((r) => r.points).length).toBe(3);
    // A cumulative sample can also move the counts of the next day (core's localDaysTouched).
    expect([...changes.state.days.keys()].sort()).toEqual([
      'STEPS|2026-03-01',
      'STEPS|2026-03-02',
      'STEPS|2026-03-03',
    ]);
  });

  it('changes nothing when the same samples are written again', async () => {
    await writeSamples(db, new LocalChanges(null, 'a'), first, zone);
    // As if the server had confirmed them: a rewrite would set the marker back.
    const stored = (await db.series.find().exec()).map((d) => d.toMutableJSON());
    await db.series.bulkUpsert(stored.map((s) => ({ ...s, updatedAt: '2026-03-02T00:00:00Z' })));
    const changes = new LocalChanges(null, 'b');
    const again = await writeSamples(db, changes, first, zone);
    expect(again).toEqual({ series: 3, seriesWritten: 0, added: 0, replaced: 0 });
    expect(changes.state.days.size).toBe(0);
    expect(await db.series.count({ selector: { updatedAt: PENDING_UPDATED_AT } }).exec()).toBe(0);
  });

  it('adds what an overlapping later batch brings and counts a new value as replaced', async () => {
    await writeSamples(db, new LocalChanges(null, 'a'), first, zone);
    const later = [
      first[1]!, // the same sample: unchanged
      { ...first[2]!, value: 160 }, // same identity, another value: replaced
      steps('watch', '2026-03-01T23:20:00Z', 5, 300), // new, same hour as an existing series
    ];
    const changes = new LocalChanges(null, 'b');
    const result = await writeSamples(db, changes, later, zone);
    expect(result).toEqual({ series: 2, seriesWritten: 2, added: 1, replaced: 1 });
    expect([...changes.state.days.keys()].sort()).toEqual(['STEPS|2026-03-02', 'STEPS|2026-03-03']);
    const watch = await db.series
      .findOne(`watch|STEPS|${Date.parse('2026-03-01T23:00:00Z')}`)
      .exec();
    expect(watch?.points.map((p) => p[2])).toEqual([200, 300]);
  });
});

describe('writeSamples with sleep stages', () => {
  const night = (stage: HealthSample['sleepStage'], start: string, minutes: number) => {
    const startMs = Date.parse(start);
    return {
      type: 'SLEEP_ANALYSIS',
      value: minutes,
      unit: 'min',
      startDate: new Date(startMs).toISOString(),
      endDate: new Date(startMs + minutes * 60_000).toISOString(),
      sourceDevice: 'watch',
      sleepStage: stage,
    } satisfies HealthSample;
  };

  it('keeps each sample’s stage in the replica, through a storage that validates the schema', async () => {
    // The series schema is checked on every write here, as a stricter storage would.
    const validated = await createHearthDatabase({
      name: `stages-${run++}`,
      storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
      multiInstance: false,
    });
    const samples = [
      night('inBed', '2026-03-01T22:00:00Z', 10),
      night('core', '2026-03-01T22:10:00Z', 20),
      night('deep', '2026-03-01T22:30:00Z', 15),
      night('rem', '2026-03-01T22:45:00Z', 5),
      night('awake', '2026-03-01T22:50:00Z', 5),
      night('asleep', '2026-03-01T22:55:00Z', 5),
    ];
    await writeSamples(validated, new LocalChanges(null, 's'), samples, zone);
    const [row] = (await validated.series.find().exec()).map((d) => d.toMutableJSON());
    const stages = row!.points.map((point) => sleepStageOfCode(point[3]));
    expect(stages).toEqual(['inBed', 'core', 'deep', 'rem', 'awake', 'asleep']);

    // The same interval with only its stage changed is a change to store and upload.
    const restaged = await writeSamples(
      validated,
      new LocalChanges(null, 't'),
      [night('rem', '2026-03-01T22:30:00Z', 15)],
      zone,
    );
    expect(restaged).toMatchObject({ seriesWritten: 1, added: 0, replaced: 1 });
    const [again] = (await validated.series.find().exec()).map((d) => d.toMutableJSON());
    expect(sleepStageOfCode(again!.points[2]![3])).toBe('rem');
    await validated.close();
  });
});
