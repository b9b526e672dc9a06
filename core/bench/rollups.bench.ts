/**
 * `npm run bench:core`: the rollup engine on a user-year against sorting the same samples, fed
 * the stored series the server's worker and the PWA roll up (computeRollupsFromSeries) and fed
 * sample objects (computeRollups, which reads their dates and builds their series first), and
 * against the seed's O(n²) deduplication at 30 and 90 days. Prints a Markdown report.
 * BENCH_RUNS: timed runs per measurement (default 9). BENCH_SEED_DAYS: the seed comparisons to
 * run (default "30,90"; the seed takes minutes at 90 days).
 */
import os from 'node:os';
import { METRIC_CONFIG, type HealthSample } from '@hearth/schema';
import {
  computeRollups,
  computeRollupsFromSeries,
  generateDemoData,
  groupIntoSeries,
} from '../src/index.js';
import { measure, medianTiming, pairedRuns, shuffled, type Timing } from './measure.js';
import { deduplicateSamples, type SeedRow } from './seed-dedup.js';

const TIME_ZONE = 'America/New_York';
const END_DATE = '2026-06-30';
const SEED = 'hearth-bench';
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const SEED_DAYS = (process.env.BENCH_SEED_DAYS ?? '30,90').split(',').filter(Boolean).map(Number);

function userData(days: number) {
  const data = generateDemoData({ seed: SEED, endDate: END_DATE, days, timeZone: TIME_ZONE });
  return { samples: data.samples, priority: data.devices.map((d) => d.id), devices: data.devices };
}

/** The baseline: parse each start once with Date.parse, then sort numerically (decorated array). */
function sortByStart(samples: readonly HealthSample[]) {
  const decorated = samples.map((sample) => ({ startMs: Date.parse(sample.startDate), sample }));
  decorated.sort((a, b) => a.startMs - b.startMs);
  return decorated;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const timing = (t: Timing) => `${ms(t.wallMs)} / ${ms(t.cpuMs)}`;
const count = (n: number) => n.toLocaleString('en-US');

function userYear(): string[] {
  const { samples, priority } = userData(365);
  const options = { timeZone: TIME_ZONE, priority };
  // Built outside the timing: the server stores series as samples arrive (core/src/series/).
  const series = groupIntoSeries(samples);
  const rollups = () => computeRollupsFromSeries(series, options);
  const lines = [
    `User-year: ${count(samples.length)} samples from 5 sources in ${TIME_ZONE} ` +
      `(${count(series.length)} stored series), ${count(rollups().length)} aggregates out; ` +
      `medians of ${RUNS} alternating runs (wall / process CPU time; ratios are medians of ` +
      'per-run ratios).',
    '',
    '| subject | input order | sort by start (baseline) | subject | ratio, wall | ratio, CPU |',
    '|---|---|---|---|---|---|',
  ];
  const shuffledSamples = shuffled(samples, 42);
  const shuffledSeries = shuffled(series, 42);
  const cases = [
    ['computeRollupsFromSeries', 'as stored (device, type, hour)', samples, () => rollups()],
    [
      'computeRollupsFromSeries',
      'shuffled',
      shuffledSamples,
      () => computeRollupsFromSeries(shuffledSeries, options),
    ],
    [
      'computeRollups',
      'as generated (day by day)',
      samples,
      () => computeRollups(samples, options),
    ],
    ['computeRollups', 'shuffled', shuffledSamples, () => computeRollups(shuffledSamples, options)],
  ] as const;
  for (const [subject, label, input, run] of cases) {
    const result = pairedRuns(RUNS, () => sortByStart(input), run);
    lines.push(
      `| ${subject} | ${label} | ${timing(result.baseline)} | ${timing(result.subject)} ` +
        `| ${result.wallRatio.toFixed(2)}× | ${result.cpuRatio.toFixed(2)}× |`,
    );
  }
  return lines;
}

/** The seed's rows: it looked priorities up by device kind and received Date objects from pg. */
function seedRowsByType(samples: readonly HealthSample[], kindOf: Map<string, string>) {
  const byType = new Map<HealthSample['type'], SeedRow[]>();
  samples.forEach((s, i) => {
    const rows = byType.get(s.type) ?? [];
    rows.push({
      id: s.id ?? String(i),
      value: s.value,
      start_date: new Date(s.startDate),
      end_date: new Date(s.endDate),
      source_device: kindOf.get(s.sourceDevice) ?? s.sourceDevice,
    });
    byType.set(s.type, rows);
  });
  return byType;
}

function versusSeed(days: number): string {
  const { samples, priority, devices } = userData(days);
  // Ours first, so the seed's millions of short-lived Dates do not weigh on our timing.
  const ours = medianTiming(RUNS, () => computeRollups(samples, { timeZone: TIME_ZONE, priority }));
  const rowsByType = seedRowsByType(samples, new Map(devices.map((d) => [d.id, d.kind])));
  const seed = measure(() => {
    for (const [type, rows] of rowsByType) {
      deduplicateSamples(rows, METRIC_CONFIG[type].aggregation);
    }
  });
  return (
    `| ${days} days | ${count(samples.length)} | ${timing(seed)} (1 run) | ${timing(ours)} ` +
    `| ${(seed.wallMs / ours.wallMs).toFixed(0)}× / ${(seed.cpuMs / ours.cpuMs).toFixed(0)}× |`
  );
}

function machine(): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');
  return (
    `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, Node ${process.version}, ` +
    `${os.platform()} ${os.arch()}; load average at start ${load}.`
  );
}

function main(): void {
  const report = [machine(), '', ...userYear()];
  if (SEED_DAYS.length > 0) {
    report.push(
      '',
      "The seed's O(n²) `deduplicateSamples` (dedup only, per type, as its worker ran it) against " +
        '`computeRollups` (dedup and all four periods) on the same samples:',
      '',
      '| data | samples | seed dedup | computeRollups | speed-up (wall / CPU) |',
      '|---|---|---|---|---|',
      ...SEED_DAYS.map(versusSeed),
    );
  }
  console.log(report.join('\n'));
}

main();
