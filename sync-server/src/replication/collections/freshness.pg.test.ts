import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { seriesId } from '@hearth/core';
import type { SeriesDoc } from '@hearth/schema';
import { useTestApp } from '../../test-support/fixture.js';
import { registerUser, type TestUser } from '../../test-support/http.js';
import { runRollupJob } from '../../worker/rollup-job.js';
import { pull, pullAll, pushRaw } from '../replication.test-helpers.js';

let app: FastifyInstance;
let ann: TestUser;
let device: string;

useTestApp((fixture) => ({ app } = fixture));
beforeAll(async () => {
  ann = await registerUser(app);
  device = (await pullAll(app, ann.cookie, 'devices')).documents[0]!.id;
});

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-01T10:00:00Z');

function series(hour: number, values: number[]): SeriesDoc {
  const hourStart = T0 + hour * HOUR;
  return {
    id: seriesId(device, 'STEPS', hourStart),
    deviceId: device,
    type: 'STEPS',
    hourStart,
    points: values.map((v, i) => [hourStart + i * 60_000, hourStart + (i + 1) * 60_000, v]),
    updatedAt: '',
    _deleted: false,
  };
}

/** Pushes as a device that saw `assumed` (null: new) and returns the push's position. */
async function upload(doc: SeriesDoc, assumed: SeriesDoc | null = null): Promise<number> {
  const res = await pushRaw(app, ann.cookie, 'series', [
    { assumedMasterState: assumed, newDocumentState: doc },
  ]);
  expect(res.statusCode).toBe(200);
  const body = res.json<{ conflicts: unknown[]; position: number }>();
  expect(body.conflicts).toEqual([]);
  return body.position;
}

async function watermark(): Promise<number> {
  const { documents } = await pull(app, ann.cookie, 'freshness', null, 10);
  return documents[0]!.rolledUpTo;
}

async function rollUp(): Promise<void> {
  const deps = { pool: app.pool, keyring: app.keyring, now: () => T0, batchDays: 100 };
  while (await runRollupJob(deps));
}

describe('freshness (SPEC R15)', () => {
  it('covers an upload only once its days are rolled up, and says so again only when it moved', async () => {
    const first = await upload(series(0, [5, 7]));
    expect(await watermark()).toBeLessThan(first);
    await rollUp();
    expect(await watermark()).toBeGreaterThanOrEqual(first);
    const { checkpoint } = await pull(app, ann.cookie, 'freshness', null, 10);
    expect((await pull(app, ann.cookie, 'freshness', checkpoint, 10)).documents).toEqual([]);
  });

  it('moves even when the recompute changes no rollup (a neighbouring day, an unchanged push)', async () => {
    const doc = series(1, [3]);
    await upload(doc);
    await rollUp();
    // The same points again: the server writes the series with a new position but queues nothing.
    const seen = (await pullAll(app, ann.cookie, 'series')).documents.find((d) => d.id === doc.id)!;
    const again = await upload(doc, seen);
    expect(await watermark()).toBeGreaterThanOrEqual(again);
    // A neighbouring day's upload queues this day too; its rollup value does not change.
    const neighbour = await upload(series(24, [1]));
    expect(await watermark()).toBeLessThan(neighbour);
    await rollUp();
    expect(await watermark()).toBeGreaterThanOrEqual(neighbour);
  });

  it('is read-only', async () => {
    const res = await pushRaw(app, ann.cookie, 'freshness', [
      {
        assumedMasterState: null,
        newDocumentState: { id: 'rollups', rolledUpTo: 1e9, _deleted: false },
      },
    ]);
    expect(res.statusCode).toBe(403);
  });
});
