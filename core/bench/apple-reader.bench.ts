/**
 * `npm run bench:import -w core`: the Apple Health reader on a synthetic export of
 * BENCH_IMPORT_MB megabytes of export.xml (default 1024), bare and zipped, each read in a child
 * process (its peak memory is its own). Baselines through the same chunk loop, alternated with
 * the reader so both see the same machine: htmlparser2's tokenizer with no handlers (the floor
 * of any reader built on it; for the zip, behind fflate's Unzip) and the bare read.
 * BENCH_RUNS: timed runs of each (default 3). Prints a Markdown report.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportFiles } from './apple-export-files.js';
import { median } from './measure.js';

const MEGABYTES = Number(process.env.BENCH_IMPORT_MB ?? 1024);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'apple-read-child.ts');

interface Run {
  mode: string;
  bytes: number;
  samples: number;
  wallMs: number;
  cpuMs: number;
  peakRss: number;
  vmHwm: number;
}

function readIn(mode: string, file: string): Run {
  const out = execFileSync(
    process.execPath,
    ['--conditions=@hearth/source', '--import', 'tsx', CHILD, mode, file],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Run;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const rate = (bytes: number, ms: number) => `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;

/** Alternates the modes `RUNS` times; medians per mode, and the reader's per-run ratios. */
function compare(file: string, modes: readonly string[]): Map<string, Run[]> {
  const runs = new Map<string, Run[]>(modes.map((m) => [m, []]));
  for (let k = 0; k < RUNS; k++) for (const mode of modes) runs.get(mode)?.push(readIn(mode, file));
  return runs;
}

function report(title: string, xmlBytes: number, runs: Map<string, Run[]>): string[] {
  const reader = runs.get('reader') ?? [];
  const lines = [
    `### ${title}`,
    '',
    '| read | wall (median) | CPU (median) | export.xml rate (wall / CPU) | peak rss | VmHWM |',
    '|---|---|---|---|---|---|',
  ];
  for (const [mode, list] of runs) {
    const wall = median(list.map((r) => r.wallMs));
    const cpu = median(list.map((r) => r.cpuMs));
    const peak = Math.max(...list.map((r) => r.peakRss));
    const hwm = Math.max(...list.map((r) => r.vmHwm));
    lines.push(
      `| ${mode} | ${(wall / 1000).toFixed(1)} s | ${(cpu / 1000).toFixed(1)} s | ${rate(xmlBytes, wall)} / ${rate(xmlBytes, cpu)} | ${mb(peak)} | ${mb(hwm)} |`,
    );
  }
  const tokenizer = runs.get('tokenizer') ?? [];
  const ratio = (pick: (r: Run) => number) =>
    median(reader.map((r, k) => pick(r) / pick(tokenizer[k] ?? r))).toFixed(2);
  lines.push(
    '',
    `Reader / tokenizer baseline, median of per-run ratios: wall ${ratio((r) => r.wallMs)}×, CPU ${ratio((r) => r.cpuMs)}×; samples kept: ${(reader[0]?.samples ?? 0).toLocaleString('en-US')}.`,
    '',
  );
  return lines;
}

const files = await exportFiles(MEGABYTES);
const xmlBytes = fs.statSync(files.xml).size;
const zipBytes = fs.statSync(files.zip).size;
const lines = [
  `## Apple Health reader: ${mb(xmlBytes)} export.xml (${files.days} days), zip ${mb(zipBytes)}`,
  '',
  `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(
      ' / ',
    )} at the start; medians of ${RUNS} alternating runs, each in a fresh process, 64 KiB chunks.`,
  '',
  ...report('export.xml', xmlBytes, compare(files.xml, ['reader', 'tokenizer', 'bytes'])),
  ...report('export.zip', xmlBytes, compare(files.zip, ['reader', 'tokenizer', 'bytes'])),
];
console.log(lines.join('\n'));
