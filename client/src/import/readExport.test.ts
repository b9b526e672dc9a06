import type {
  HealthExportReader,
  ImportedSample,
  ImportProgress,
  ImportSummary,
} from '@hearth/core/import';
import { describe, expect, it } from 'vitest';
import { readExport, type ExportSink } from './readExport.js';

/** A stand-in reader: every input byte completes one sample whose value is the byte. */
function byteReader(): HealthExportReader {
  let bytesRead = 0;
  let samples = 0;
  const toSamples = (chunk: Uint8Array): ImportedSample[] =>
    [...chunk].map((value) => {
      samples++;
      return { type: 'STEPS', start: samples * 1000, end: samples * 1000 + 500, value, source: 0 };
    });
  const progress = (): ImportProgress => ({ bytesRead, records: samples, samples, skipped: {} });
  return {
    sources: [{ key: 'watch', name: 'Watch', kind: 'apple_watch' }],
    push(chunk) {
      bytesRead += chunk.length;
      return toSamples(chunk);
    },
    end: () => [],
    progress,
    summary: (): ImportSummary => ({ ...progress(), byType: {}, bySource: [] }),
  };
}

/** A stream that hands out `chunks` only when read (nothing is read ahead) and counts reads. */
function pulledStream(
  chunks: number[][],
  onPull: () => void = () => {},
): { stream: ReadableStream<Uint8Array>; pulls: () => number } {
  let pulls = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        onPull();
        const next = chunks[pulls++];
        if (next) controller.enqueue(Uint8Array.from(next));
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulls: () => pulls };
}

const options = { batchSize: 4, progressEveryMs: 0, now: () => 0, totalBytes: 10 };

describe('readExport', () => {
  it('hands over every sample in file order, in batches of at most the batch size', async () => {
    const batches: number[][] = [];
    const sink: ExportSink = {
      batch: async (samples) => void batches.push(samples.map((s) => s.value)),
      progress: () => {},
    };
    const { stream } = pulledStream([[1, 2, 3], [4, 5, 6, 7, 8, 9], [10]]);
    const summary = await readExport(stream, byteReader(), sink, options);
    expect(batches).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10],
    ]);
    expect(summary).toMatchObject({ bytesRead: 10, totalBytes: 10, samples: 10 });
  });

  it('reads nothing more while a batch is being written', async () => {
    let release: () => void = () => {};
    const progress: ImportProgress[] = [];
    const sink: ExportSink = {
      batch: () => new Promise<void>((resolve) => (release = resolve)),
      progress: (p) => progress.push(p),
    };
    const { stream, pulls } = pulledStream([[1, 2, 3, 4, 5], [6], [7]]);
    const done = readExport(stream, byteReader(), sink, options);
    await new Promise((r) => setTimeout(r, 20));
    expect(pulls()).toBe(1);
    release();
    await new Promise((r) => setTimeout(r, 20));
    // The second and third chunks make the remainder (5, 6, 7) one short batch at the end.
    release();
    await done;
    expect(pulls()).toBe(4);
    expect(progress.map((p) => p.bytesRead)).toEqual([5, 6, 7]);
  });

  it('reports progress between batches no more often than asked', async () => {
    let clock = 0;
    const seen: number[] = [];
    const sink: ExportSink = { batch: async () => {}, progress: (p) => seen.push(p.bytesRead) };
    // Each chunk arrives 100 ms after the one before.
    const { stream } = pulledStream([[1], [2], [3], [4], [5]], () => (clock += 100));
    await readExport(stream, byteReader(), sink, {
      batchSize: 100,
      progressEveryMs: 250,
      now: () => clock,
    });
    expect(seen).toEqual([3]);
  });
});
