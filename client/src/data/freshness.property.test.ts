import { localDaysTouched } from '@hearth/core';
import type { HealthSample } from '@hearth/schema';
import fc from 'fast-check';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { Replica } from '../sync/replica.js';
import { RollupQueueModel } from '../sync/test-support/rollupQueueModel.js';
import { changedDay, type ChangedDay } from './localChanges.js';
import { pruneLocalChanges } from './pruneLocalChanges.js';
import { writeSamples } from './writeSamples.js';

const ZONE = 'UTC';
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1);

type Action =
  | { kind: 'edit'; day: number; hour: number; minute: number; value: number }
  /** Back online: everything waiting uploads. */
  | { kind: 'upload' }
  | { kind: 'offline' }
  | { kind: 'recompute' };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('edit' as const),
    day: fc.integer({ min: 0, max: 3 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.constantFrom(0, 30),
    value: fc.integer({ min: 1, max: 500 }),
  }),
  fc.constant({ kind: 'upload' as const }),
  fc.constant({ kind: 'offline' as const }),
  fc.constant({ kind: 'recompute' as const }),
);

function sampleOf(edit: Extract<Action, { kind: 'edit' }>): HealthSample {
  const start = T0 + edit.day * DAY + edit.hour * 3_600_000 + edit.minute * 60_000;
  return {
    type: 'STEPS',
    value: edit.value,
    unit: 'count',
    startDate: new Date(start).toISOString(),
    endDate: new Date(start + 20 * 60_000).toISOString(),
    sourceDevice: 'phone',
  };
}

let counter = 0;

/**
 * Drives the real write path, the real replica (its push handler records upload positions) and
 * the real pruning against a model of the server's queue and watermark. A day's changes are
 * included once they were uploaded and a worker pass ran after that upload; the marked days must
 * be exactly those with a change not included, as far as the device can know: a pass made while
 * it is offline is learnt when it is back online.
 */
async function run(actions: readonly Action[]): Promise<void> {
  const model = new RollupQueueModel(ZONE);
  const replica = await Replica.open({
    userId: `freshness-${++counter}-${Date.now()}`,
    timeZone: ZONE,
    transport: model,
    stream: null,
    storage: getRxStorageMemory(),
    multiInstance: false,
    retryTimeMs: 10,
    pruneEveryMs: 0,
  });
  try {
    const notUploaded = new Set<ChangedDay>();
    // Uploaded days, by the upload that carried them; a worker pass includes every upload so far.
    const notRolledUp = new Map<ChangedDay, number>();
    let uploads = 0;
    let includedUpTo = 0;
    for (const step of actions) {
      if (step.kind === 'edit') {
        const sample = sampleOf(step);
        const written = await writeSamples(replica.db, replica.localChanges, [sample], ZONE);
        if (written.seriesWritten === 0) continue;
        const start = Date.parse(sample.startDate);
        const end = Date.parse(sample.endDate);
        for (const day of localDaysTouched('STEPS', start, end, ZONE)) {
          notUploaded.add(changedDay('STEPS', day));
        }
      } else if (step.kind === 'offline') {
        model.offline = true;
      } else if (step.kind === 'upload') {
        model.offline = false;
      } else {
        model.recompute();
        includedUpTo = uploads;
      }
      if (!model.offline) {
        // Online, the replica uploads every change and pulls the watermark.
        replica.syncNow();
        await replica.awaitInSync();
        uploads += 1;
        for (const day of notUploaded) notRolledUp.set(day, uploads);
        notUploaded.clear();
        // What the server rolled up while this device was offline, it learns now.
        for (const [day, upload] of notRolledUp)
          if (upload <= includedUpTo) notRolledUp.delete(day);
      }
      await pruneLocalChanges(replica.db, replica.localChanges, ZONE);
      const expected = [...new Set([...notUploaded, ...notRolledUp.keys()])].sort();
      expect([...replica.localChanges.state.days.keys()].sort()).toEqual(expected);
    }
  } finally {
    await replica.close();
  }
}

describe('freshness (SPECIFICATION.md §4)', () => {
  it('marks exactly the days with changes the server has not rolled up, after any sequence', async () => {
    await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), run), {
      numRuns: 25,
    });
  }, 120_000);
});
