import {
  computeRollups,
  generateDemoData,
  groupIntoSeries,
  nextBucketStart,
  startOfLocalDate,
} from '@hearth/core';
import type { HealthSample } from '@hearth/schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHearthDatabase } from '../db/database.js';
import { PENDING_UPDATED_AT, type HearthDatabase, type RollupRow } from '../db/types.js';
import { defaultSettings } from './documents.js';
import { changedDay, type LocalChangesState } from './localChanges.js';
import { Subject } from 'rxjs';
import {
  coalescedLoads,
  loadMetricView,
  type MetricViewContext,
  type MetricViewQuery,
} from './metricView.js';

const zone = 'America/New_York';
const day = '2026-03-08'; // 23 hours long: clocks spring forward
const SERVER_TIME = '2026-03-09T12:00:00.000Z';
const demo = generateDemoData({ seed: 7, endDate: day, days: 3, timeZone: zone });
const priority = demo.devices.map((d) => d.id);
const dayStart = startOfLocalDate(day, zone);
const query: MetricViewQuery = {
  types: ['STEPS', 'HEART_RATE', 'SLEEP_ANALYSIS', 'WEIGHT'],
  period: 'day',
  fromMs: dayStart,
  toMs: nextBucketStart('day', dayStart, zone),
};
const noChanges: LocalChangesState = {
  days: new Map(),
  settingsChangedAt: null,
  settingsUploadedAt: null,
};
const settings = { ...defaultSettings({ timeZone: zone }), updatedAt: SERVER_TIME };
const context: MetricViewContext = { settings, priority, changes: noChanges };

function rollupRows(samples: HealthSample[]): RollupRow[] {
  return computeRollups(samples, { timeZone: zone, priority })
    .filter((a) => a.period !== 'hour')
    .map((a) => ({
      ...a,
      id: `${a.type}|${a.period}|${a.periodStart}`,
      startMs: Date.parse(a.periodStart),
      updatedAt: SERVER_TIME,
    }));
}

function dayValues(samples: HealthSample[]) {
  return Object.fromEntries(
    computeRollups(samples, { timeZone: zone, priority })
      .filter((a) => a.period === 'day' && Date.parse(a.periodStart) === dayStart)
      .filter((a) => query.types.includes(a.type))
      .map((a) => [a.type, a.value]),
  );
}

let db: HearthDatabase;
beforeAll(async () => {
  db = await createHearthDatabase({
    name: `view-${Date.now()}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  const series = groupIntoSeries(demo.samples).map((s) => ({ ...s, updatedAt: SERVER_TIME }));
  await db.series.bulkInsert(series);
  await db.rollups.bulkInsert(rollupRows(demo.samples));
});
afterAll(() => db.close());

describe('loadMetricView', () => {
  it('reads the replicated rollups when nothing changed on the device', async () => {
    const view = await loadMetricView(db, query, context);
    expect(view.usedDevice).toBe(false);
    expect(view.includesLocalChanges).toBe(false);
    const values = Object.fromEntries(view.buckets.map((b) => [b.type, b.value]));
    expect(values).toEqual(dayValues(demo.samples));
    expect(view.buckets.every((b) => b.periodStart.endsWith('-05:00'))).toBe(true);
  });

  it('computes a day changed on this device from its series, deduplicated like the server', async () => {
    // An offline manual entry at 05:00 local, when no device counted steps.
    const start = Date.parse('2026-03-08T09:00:00Z');
    const manual: HealthSample = {
      type: 'STEPS',
      value: 3000,
      unit: 'steps',
      startDate: new Date(start).toISOString(),
      endDate: new Date(start + 3_600_000).toISOString(),
      sourceDevice: 'demo-manual',
    };
    const [group] = groupIntoSeries([manual]);
    const existing = await db.series.findOne(group!.id).exec();
    const points = [...(existing?.points ?? []), ...group!.points].sort((a, b) => a[0] - b[0]);
    await db.series.upsert({ ...group!, points, updatedAt: PENDING_UPDATED_AT });
    const before = await loadMetricView(db, query, context);
    const changes = { ...noChanges, days: new Map([[changedDay('STEPS', day), null]]) };
    const view = await loadMetricView(db, query, { ...context, changes });
    expect(view.usedDevice).toBe(true);
    expect(view.includesLocalChanges).toBe(true);
    const steps = view.buckets.find((b) => b.type === 'STEPS')!;
    const allSamples = [...demo.samples, manual];
    expect(steps.computedOnDevice).toBe(true);
    expect(steps.value).toBe(dayValues(allSamples).STEPS);
    const stepsBefore = before.buckets.find((b) => b.type === 'STEPS')!.value;
    expect(steps.value).toBeCloseTo(stepsBefore + 3000, 6);
    // Only the changed type is recomputed; the others still come from the server.
    expect(view.buckets.filter((b) => b.computedOnDevice).map((b) => b.type)).toEqual(['STEPS']);
  });

  it('recomputes everything while a priority change has not reached the server', async () => {
    const reversed = [...priority].reverse();
    const pendingSettings = { ...settings, updatedAt: PENDING_UPDATED_AT };
    const changes = { ...noChanges, settingsChangedAt: Date.now() };
    const view = await loadMetricView(db, query, {
      settings: pendingSettings,
      priority: reversed,
      changes,
    });
    expect(view.buckets.every((b) => b.computedOnDevice)).toBe(true);
    const expected = computeRollups(
      (await db.series.find().exec()).flatMap((d) =>
        d.points.map(([s, e, v]) => ({
          type: d.type,
          value: v,
          unit: 'x',
          startDate: new Date(s).toISOString(),
          endDate: new Date(e).toISOString(),
          sourceDevice: d.deviceId,
        })),
      ),
      { timeZone: zone, priority: reversed },
    ).find(
      (a) => a.type === 'STEPS' && a.period === 'day' && Date.parse(a.periodStart) === dayStart,
    );
    expect(view.buckets.find((b) => b.type === 'STEPS')!.value).toBe(expected!.value);
    // Once the server's rollups include the change (pruneLocalChanges forgot it), they are trusted.
    const synced = await loadMetricView(db, query, {
      settings: { ...settings, updatedAt: '2026-03-01T00:00:00.000Z' },
      priority,
      changes: noChanges,
    });
    expect(synced.usedDevice).toBe(false);
  });
});

describe('coalescedLoads', () => {
  it('finishes every load it starts and folds triggers during a load into one more run', async () => {
    const trigger = new Subject<void>();
    let started = 0;
    let release: (() => void) | null = null;
    const load = () =>
      new Promise<number>((resolve) => {
        const n = ++started;
        release = () => resolve(n);
      });
    const results: number[] = [];
    const subscription = coalescedLoads(trigger, load).subscribe((n) => results.push(n));
    trigger.next();
    trigger.next();
    trigger.next();
    expect(started).toBe(1);
    release!();
    await new Promise((r) => setTimeout(r, 0));
    expect(results).toEqual([1]);
    expect(started).toBe(2);
    release!();
    await new Promise((r) => setTimeout(r, 0));
    expect(results).toEqual([1, 2]);
    subscription.unsubscribe();
  });
});
