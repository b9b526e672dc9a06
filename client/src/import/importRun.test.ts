import { guessDeviceKind, sourceKey } from '@hearth/core/import';
import type {
  HealthExportReader,
  ImportedSample,
  ImportSource,
  ImportSummary,
} from '@hearth/core/import';
import type { HealthDataType } from '@hearth/schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalChanges } from '../data/localChanges.js';
import { createHearthDatabase } from '../db/database.js';
import { PENDING_UPDATED_AT, type HearthDatabase } from '../db/types.js';
import { runImport, type ImportRunOptions, type WorkerPort } from './importRun.js';
import { serveImport, type WorkerScope } from './serveImport.js';

/**
 * A stand-in for the export reader over lines `source;TYPE;start ISO;minutes;value`, split across
 * chunks anywhere: what matters here is the page's side, not Apple's XML.
 */
function lineReader(): HealthExportReader {
  const decoder = new TextDecoder();
  const sources: ImportSource[] = [];
  let rest = '';
  let bytesRead = 0;
  let records = 0;
  const parse = (line: string): ImportedSample => {
    const [name = '', type, start = '', minutes, value] = line.split(';');
    let source = sources.findIndex((s) => s.key === sourceKey(name));
    if (source < 0)
      source = sources.push({ key: sourceKey(name), name, kind: guessDeviceKind(name) }) - 1;
    const startMs = Date.parse(start);
    return {
      type: type as HealthDataType,
      start: startMs,
      end: startMs + Number(minutes) * 60_000,
      value: Number(value),
      source,
    };
  };
  const lines = (text: string) => {
    const all = (rest + text).split('\n');
    rest = all.pop() ?? '';
    records += all.length;
    return all.filter(Boolean).map(parse);
  };
  const progress = () => ({ bytesRead, records, samples: records, skipped: {} });
  return {
    sources,
    push(chunk) {
      bytesRead += chunk.length;
      return lines(decoder.decode(chunk, { stream: true }));
    },
    end: () => lines('\n'),
    progress,
    summary: (): ImportSummary => ({ ...progress(), byType: {}, bySource: [] }),
  };
}

/** The page and the worker joined by a message channel that, like a real one, is asynchronous. */
function inProcessWorker(createReader: () => HealthExportReader = lineReader): WorkerPort {
  let terminated = false;
  const port: WorkerPort = {
    onmessage: null,
    onerror: null,
    postMessage: (message) =>
      setTimeout(() => !terminated && scope.onmessage?.({ data: message } as MessageEvent)),
    terminate: () => void (terminated = true),
  };
  const scope: WorkerScope = {
    onmessage: null,
    postMessage: (message) =>
      setTimeout(() => !terminated && port.onmessage?.({ data: message } as MessageEvent)),
  };
  serveImport(scope, createReader, () => 0);
  return port;
}

const NOW = Date.parse('2026-03-10T12:00:00Z');
const EXPORT = [
  'Anna’s Apple Watch;STEPS;2026-03-01T08:00:00Z;10;500',
  "Anna's Apple Watch;STEPS;2026-03-01T09:00:00Z;10;700",
  'Anna’s iPhone;STEPS;2026-03-01T08:00:00Z;10;450',
  'Anna’s Apple Watch;HEART_RATE;2026-03-01T08:05:00Z;0;72',
].join('\n');

let db: HearthDatabase;
let run = 0;
let ids = 0;

function options(text: string, extra: Partial<ImportRunOptions> = {}): ImportRunOptions {
  return {
    db,
    localChanges: new LocalChanges(null, 'k'),
    timeZone: 'Europe/Berlin',
    file: new Blob([text]),
    worker: inProcessWorker(),
    onProgress: () => {},
    isOnline: () => false,
    now: () => NOW,
    newId: () => `import-${++ids}`,
    batchSize: 2,
    ...extra,
  };
}

async function storedPoints(): Promise<number> {
  const series = await db.series.find().exec();
  return series.reduce((n, s) => n + s.points.length, 0);
}

beforeEach(async () => {
  db = await createHearthDatabase({
    name: `import-${run++}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
});
afterEach(() => db.close());

describe('runImport', () => {
  it('writes every sample into one new device per source, waiting to upload', async () => {
    const outcome = await runImport(options(EXPORT)).done;
    expect(outcome).toMatchObject({
      status: 'done',
      summary: { records: 4 },
      written: { added: 4, replaced: 0, devicesCreated: 2 },
    });
    const devices = (await db.devices.find().exec()).map((d) => d.toJSON());
    expect(devices.map((d) => [d.name, d.kind]).sort()).toEqual([
      ['Anna’s Apple Watch', 'apple_watch'],
      ['Anna’s iPhone', 'iphone'],
    ]);
    expect(devices.every((d) => d.updatedAt === PENDING_UPDATED_AT)).toBe(true);
    expect(await storedPoints()).toBe(4);
  });

  it('changes nothing when the same export is imported again', async () => {
    await runImport(options(EXPORT)).done;
    const before = (await db.series.find().exec()).map((d) => d.toJSON());
    const changes = new LocalChanges(null, 'again');
    const again = await runImport(options(EXPORT, { localChanges: changes })).done;
    expect(again).toMatchObject({ written: { added: 0, replaced: 0, devicesCreated: 0 } });
    expect((await db.series.find().exec()).map((d) => d.toJSON())).toEqual(before);
    expect(changes.state.days.size).toBe(0);
  });

  it('writes into an existing device whose name is the same source', async () => {
    await db.devices.insert({
      id: 'watch-1',
      name: "anna's apple watch",
      kind: 'apple_watch',
      lastSyncAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const outcome = await runImport(options(EXPORT)).done;
    expect(outcome.written.devicesCreated).toBe(1);
    const watchSeries = await db.series.find({ selector: { deviceId: 'watch-1' } }).exec();
    expect(watchSeries.reduce((n, s) => n + s.points.length, 0)).toBe(3);
  });

  it('stops when cancelled and keeps the batches already written whole', async () => {
    let cancel = () => {};
    const importing = runImport(options(EXPORT, { onProgress: () => cancel() }));
    cancel = importing.cancel;
    const outcome = await importing.done;
    expect(outcome).toMatchObject({ status: 'cancelled', written: { added: 2 } });
    expect(await storedPoints()).toBe(2);
  });

  it('reports a file the reader cannot read as failed', async () => {
    const failing = (): HealthExportReader => ({
      ...lineReader(),
      end: () => {
        throw new Error('not an Apple Health export');
      },
    });
    const worker = inProcessWorker(failing);
    const outcome = await runImport(options('x', { worker })).done;
    expect(outcome).toMatchObject({ status: 'failed', message: 'not an Apple Health export' });
  });
});
