import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createAppleHealthReader } from '@hearth/core/import';
import { createTestDatabase } from '../src/test-support/test-db.js';
import { measureSampleEncoding } from './import-encode.js';
import { writeBenchExport } from './import-export-file.js';
import { runImportCli } from './import-child.js';
import { BenchClient } from './lib-http.js';
import { startServerProcess } from './lib-server.js';
import { waitForIdleWorkers } from './lib-workers.js';
import { backendPids } from './lib-cpu.js';
import { ProcessWatch, type WatchedFigures } from './import-watch.js';

/**
 * `npm run bench:import -w sync-server`: the whole command-line import of a synthetic
 * `export.xml` (BENCH_IMPORT_MB, default 1024 MB) into a fresh server (its own process, two
 * worker loops, as `npm start` runs them, on PostgreSQL at TEST_DATABASE_URL or 127.0.0.1:5432),
 * from the command's start until every day is rolled up; the command's peak memory; and, as the
 * same-run baseline, the reader alone on the same file. BENCH_IMPORT_FILE reuses a file;
 * BENCH_ONLY=encode runs only the sample-encoding microbenchmark, BENCH_ONLY=import skips it;
 * BENCH_IMPORT_NODE_ARGS and BENCH_SERVER_NODE_ARGS add node flags to the command and to the
 * server (`--cpu-prof`). Wall time depends on whoever else uses the machine, so the CPU time of
 * the command, the server and the database backends is reported too, with the peak RSS of the
 * command and of the server. The command runs built (`npm run build` first), as `npm run import`.
 */
const MB = 1_000_000;
const WORKER_LOOPS = 2;
const PASSWORD = 'benchmark password';

/** The reader alone, on the same file, in this process: the floor of any import. */
async function readerAlone(file: string, totalBytes: number) {
  const started = performance.now();
  const reader = createAppleHealthReader({ totalBytes, now: Date.now() });
  let samples = 0;
  for await (const chunk of createReadStream(file, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    samples += reader.push(chunk).length;
  }
  samples += reader.end().length;
  return { ms: performance.now() - started, samples, records: reader.progress().records };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const nodeArgs = (name: string) => (process.env[name] ?? '').split(' ').filter(Boolean);
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

function cpuLine(what: string, figures: WatchedFigures, gb: number): string {
  const s = figures.cpuMs / 1000;
  return `${what}: CPU ${s.toFixed(1)} s (${(s / gb).toFixed(1)} s a GB), peak RSS ${mib(figures.peakRssBytes)} MiB`;
}

/** How many folds and rollup jobs the server ran, and the dirty days they took, from /metrics. */
async function workerJobCounts(port: number) {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = (name: string) =>
    Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return {
    folds: value('hearth_fold_job_duration_seconds_count'),
    rollups: value('hearth_rollup_job_duration_seconds_count'),
    rollupDays: value('hearth_rollup_days_processed_total'),
  };
}

async function main(): Promise<void> {
  const cpu = cpus();
  console.log(
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  const only = process.env['BENCH_ONLY'];
  if (!only || only === 'encode') measureSampleEncoding();
  if (only === 'encode') return;
  const targetMb = Number(process.env['BENCH_IMPORT_MB'] ?? 1024);
  const given = process.env['BENCH_IMPORT_FILE'];
  const file = given ?? join(tmpdir(), `hearth-bench-export-${process.pid}.xml`);
  try {
    if (!given) {
      const t = performance.now();
      await writeBenchExport(file, targetMb * MB);
      console.log(`wrote ${file} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    const size = (await stat(file)).size;
    console.log(`export.xml: ${(size / MB).toFixed(0)} MB`);

    const alone = await readerAlone(file, size);
    const aloneMbps = size / MB / (alone.ms / 1000);
    console.log(
      `reader alone: ${(alone.ms / 1000).toFixed(1)} s, ${aloneMbps.toFixed(1)} MB/s, ${fmt(alone.records)} records → ${fmt(alone.samples)} samples`,
    );

    const db = await createTestDatabase({ poolMax: 4, requireServer: true });
    const logFile = join(tmpdir(), `hearth-bench-import-server-${process.pid}.log`);
    const server = await startServerProcess({
      databaseUrl: db.url,
      masterKeyHex: randomBytes(32).toString('hex'),
      logFile,
      workers: WORKER_LOOPS,
      nodeArgs: nodeArgs('BENCH_SERVER_NODE_ARGS'),
    });
    const serverPid = server.child.pid ?? 0;
    const client = new BenchClient(server.port, 4);
    try {
      const email = 'import@bench.example.org';
      await client.json('POST', '/api/v1/auth/register', {
        body: { email, password: PASSWORD, timeZone: 'Europe/Berlin' },
        expected: 201,
      });
      const load = loadavg()[0] ?? 0;
      const serverWatch = new ProcessWatch(() => [serverPid]);
      const dbWatch = new ProcessWatch(async () => [
        ...(await backendPids(db.pool, 'hearth')),
        ...(await backendPids(db.pool, 'hearth-listen')),
      ]);
      const started = performance.now();
      const stderrFile = join(tmpdir(), `hearth-bench-import-cli-${process.pid}.log`);
      const run = await runImportCli({
        args: [file, '--server', `http://127.0.0.1:${server.port}`, '--email', email],
        password: PASSWORD,
        stderrFile,
        nodeArgs: nodeArgs('BENCH_IMPORT_NODE_ARGS'),
      });
      if (run.code !== 0) throw new Error(`import exited ${run.code}; see ${stderrFile}`);
      const result = JSON.parse(run.stdout) as { samples: number; acknowledged: number };
      const idle = await waitForIdleWorkers(db.pool, 100);
      const totalMs = performance.now() - started;
      const [serverFigures, dbFigures] = await Promise.all([serverWatch.stop(), dbWatch.stop()]);
      const jobs = await workerJobCounts(server.port);
      const gb = size / 1e9;
      console.log(
        `load average before the import: ${load.toFixed(2)} (others share these 2 cores)`,
      );
      console.log(
        `command: every sample acknowledged after ${(run.elapsedMs / 1000).toFixed(1)} s (${(size / MB / (run.elapsedMs / 1000)).toFixed(1)} MB/s, ${fmt(result.acknowledged / (run.elapsedMs / 1000))} samples/s), its CPU ${(run.cpuMs / 1000).toFixed(1)} s (${(run.cpuMs / 1000 / gb).toFixed(1)} s a GB), peak RSS ${mib(run.peakRssBytes)} MiB`,
      );
      console.log(
        `every day rolled up ${(idle.ms / 1000).toFixed(1)} s after the command exited (${fmt(idle.samples)} samples still in the inbox then)`,
      );
      console.log(
        `whole import: ${(totalMs / 1000).toFixed(1)} s for ${fmt(result.acknowledged)} samples (${fmt(result.acknowledged / (totalMs / 1000))} samples/s), ${(totalMs / alone.ms).toFixed(2)}× the reader alone`,
      );
      console.log(
        `worker jobs: ${fmt(jobs.folds)} folds, ${fmt(jobs.rollups)} rollup jobs over ${fmt(jobs.rollupDays)} dirty (type, day) rows`,
      );
      console.log(cpuLine('server (API and two worker loops)', serverFigures, gb));
      console.log(cpuLine('database backends', dbFigures, gb));
      const cpuTotal = (run.cpuMs + serverFigures.cpuMs + dbFigures.cpuMs) / 1000;
      console.log(
        `all three: CPU ${cpuTotal.toFixed(1)} s, ${(cpuTotal / gb).toFixed(1)} s a GB (${((cpuTotal / (totalMs / 1000)) * 100).toFixed(0)} % of one core over the whole import)`,
      );
    } finally {
      client.close();
      await server.stop();
      await db.drop();
    }
  } finally {
    if (!given) await rm(file, { force: true });
  }
}

void main();
