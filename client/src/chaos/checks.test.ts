import { describe, expect, it } from 'vitest';
import type { RollupDoc, SeriesDoc, SeriesPoint } from '@hearth/schema';
import {
  checkSamples,
  clientRollupFigures,
  documentDifferences,
  liveDocuments,
  serverRollupFigures,
} from './checks.js';
import { sampleKey } from './devices.js';

const HOUR = Date.UTC(2026, 10, 26, 9);

const series = (points: SeriesDoc['points'], extra: Partial<SeriesDoc> = {}): SeriesDoc => ({
  id: `watch|STEPS|${HOUR}`,
  deviceId: 'watch',
  type: 'STEPS',
  hourStart: HOUR,
  points,
  updatedAt: '2026-11-26T10:00:00.000Z',
  _deleted: false,
  ...extra,
});

/** A document as a replica's RxDB reads it back (`toMutableJSON`): without `_deleted`. */
const asRxdbReadsIt = ({ _deleted, ...doc }: SeriesDoc) => doc;

describe('documentDifferences', () => {
  it('finds none between the server’s live documents and a replica holding the same', () => {
    // The run once compared wire documents (with `_deleted`) against RxDB's (without): every
    // document differed, and equal replicas were reported as not converged.
    const doc = series([[HOUR, HOUR + 30_000, 12]]);
    const tombstone = series([], { id: `watch|STEPS|${HOUR + 3_600_000}`, _deleted: true });
    expect(documentDifferences(liveDocuments([doc, tombstone]), [asRxdbReadsIt(doc)])).toEqual([]);
  });

  it('names each field that differs, bit for bit, and each document missing or extra', () => {
    const doc = series([[HOUR, HOUR + 30_000, 0]]);
    const other = series([[HOUR, HOUR + 30_000, -0]], { updatedAt: '2026-11-26T11:00:00.000Z' });
    const stray = series([], { id: 'stray' });
    expect(
      documentDifferences(liveDocuments([doc]), liveDocuments([other, stray])).map(
        (d) => d.split(':')[0],
      ),
    ).toEqual([`${doc.id}.points`, `${doc.id}.updatedAt`, 'stray extra']);
    expect(documentDifferences(liveDocuments([doc]), [])).toEqual([`${doc.id} missing`]);
  });
});

describe('checkSamples', () => {
  const key = (start: number) => sampleKey('watch', 'STEPS', start, start + 30_000);

  it('counts a sample stored with another value or stage as lost, a second copy as doubled', () => {
    const stored = [
      series([
        [HOUR, HOUR + 30_000, 5],
        [HOUR + 60_000, HOUR + 90_000, 7],
      ]),
      series([[HOUR + 60_000, HOUR + 90_000, 7]], { id: 'copy' }),
      series([[HOUR, HOUR + 30_000, 0.5, 2]], { type: 'SLEEP_ANALYSIS', id: 'sleep' }),
    ];
    const sleepKey = sampleKey('watch', 'SLEEP_ANALYSIS', HOUR, HOUR + 30_000);
    const ledger = {
      acknowledged: new Map<string, SeriesPoint>([
        [key(HOUR), [HOUR, HOUR + 30_000, 6]],
        [key(HOUR + 60_000), [HOUR + 60_000, HOUR + 90_000, 7]],
        [sleepKey, [HOUR, HOUR + 30_000, 0.5, 3]],
      ]),
      unacknowledged: new Map<string, SeriesPoint>(),
    };
    const check = checkSamples(stored, [ledger]);
    expect(check.lost).toEqual([
      `${key(HOUR)}: [${HOUR},${HOUR + 30_000},6] stored as [[${HOUR},${HOUR + 30_000},5]]`,
      `${sleepKey}: [${HOUR},${HOUR + 30_000},0.5,3] stored as [[${HOUR},${HOUR + 30_000},0.5,2]]`,
    ]);
    expect(check.doubled).toEqual([`${key(HOUR + 60_000)}: [${HOUR + 60_000},${HOUR + 90_000},7]`]);
    expect(check.phantom).toEqual([]);
  });
});

describe('client rollup figures', () => {
  it('are the server’s rollup figures for the same samples, without the server’s bookkeeping', () => {
    const doc = series([
      [HOUR, HOUR + 30_000, 5],
      [HOUR + 60_000, HOUR + 90_000, 7],
    ]);
    const day = clientRollupFigures([asRxdbReadsIt(doc)], 'UTC').find((f) => f.period === 'day');
    expect(day).toEqual({
      id: 'STEPS|day|2026-11-26T00:00:00+00:00',
      type: 'STEPS',
      period: 'day',
      periodStart: '2026-11-26T00:00:00+00:00',
      value: 12,
      sampleCount: 2,
    });
    const server: RollupDoc = { ...day!, startMs: 0, updatedAt: 'x', _deleted: false };
    expect(serverRollupFigures([server])).toEqual([day]);
  });
});
