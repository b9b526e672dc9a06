import { createAppleHealthReader } from '@hearth/core/import';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalChanges } from '../data/localChanges.js';
import { createHearthDatabase } from '../db/database.js';
import type { HearthDatabase } from '../db/types.js';
import { runImport, type WorkerPort } from './importRun.js';
import { serveImport, type WorkerScope } from './serveImport.js';

// The page's side against core's real reader: a small export written here, read from a Blob's
// stream as the worker reads the chosen file.
const NOW = Date.parse('2024-05-01T12:00:00Z');

function record(type: string, source: string, start: string, end: string, rest: string): string {
  return ` <Record type="HKQuantityTypeIdentifier${type}" sourceName="${source}" ${rest} startDate="${start}" endDate="${end}"/>`;
}

const EXPORT = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<!DOCTYPE HealthData [\n<!ELEMENT HealthData (ExportDate,Me,(Record)*)>\n]>',
  '<HealthData locale="en_GB">',
  ' <ExportDate value="2024-05-01 10:00:00 +0200"/>',
  record(
    'StepCount',
    'Sam’s Apple Watch',
    '2024-04-30 08:00:00 +0200',
    '2024-04-30 08:10:00 +0200',
    'unit="count" value="800" device="&lt;&lt;HKDevice: 0x1&gt;, model:Watch&gt;"',
  ),
  record(
    'StepCount',
    "Sam's Apple Watch",
    '2024-04-30 09:00:00 +0200',
    '2024-04-30 09:10:00 +0200',
    'unit="count" value="600" device="&lt;&lt;HKDevice: 0x2&gt;, model:Watch&gt;"',
  ),
  record(
    'StepCount',
    'Sam’s iPhone',
    '2024-04-30 08:00:00 +0200',
    '2024-04-30 08:10:00 +0200',
    'unit="count" value="750" device="&lt;&lt;HKDevice: 0x3&gt;, model:iPhone&gt;"',
  ),
  record(
    'HeartRate',
    'Sam’s Apple Watch',
    '2024-04-30 08:05:00 +0200',
    '2024-04-30 08:05:00 +0200',
    'unit="count/min" value="71"',
  ),
  record(
    'FlightsClimbed',
    'Sam’s iPhone',
    '2024-04-30 08:00:00 +0200',
    '2024-04-30 08:10:00 +0200',
    'unit="count" value="2"',
  ),
  '</HealthData>',
  '',
].join('\n');

function worker(): WorkerPort {
  const port: WorkerPort = {
    onmessage: null,
    onerror: null,
    postMessage: (m) => setTimeout(() => scope.onmessage?.({ data: m } as MessageEvent)),
    terminate: () => {},
  };
  const scope: WorkerScope = {
    onmessage: null,
    postMessage: (m) => setTimeout(() => port.onmessage?.({ data: m } as MessageEvent)),
  };
  serveImport(
    scope,
    (file) => createAppleHealthReader({ totalBytes: file.size, now: NOW }),
    () => 0,
  );
  return port;
}

let db: HearthDatabase;
let run = 0;
beforeEach(async () => {
  db = await createHearthDatabase({
    name: `apple-${run++}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
});
afterEach(() => db.close());

describe('importing an Apple Health export', () => {
  it('keeps the ten types, one device per real source, and nothing twice on re-import', async () => {
    let ids = 0;
    const importOnce = () =>
      runImport({
        db,
        localChanges: new LocalChanges(null, 'k'),
        timeZone: 'Europe/Berlin',
        file: new Blob([EXPORT]),
        worker: worker(),
        onProgress: () => {},
        isOnline: () => false,
        now: () => NOW,
        newId: () => `import-${++ids}`,
      }).done;
    const first = await importOnce();
    expect(first).toMatchObject({
      status: 'done',
      summary: { records: 5, samples: 4, skipped: { 'unsupported-type': 1 } },
      written: { added: 4, devicesCreated: 2 },
    });
    const devices = (await db.devices.find().exec()).map((d) => d.kind).sort();
    expect(devices).toEqual(['apple_watch', 'iphone']);
    const second = await importOnce();
    expect(second).toMatchObject({ written: { added: 0, replaced: 0, devicesCreated: 0 } });
    expect(await db.devices.count().exec()).toBe(2);
  });
});
