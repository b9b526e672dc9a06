/**
 * `npm run bench:instants -w core`: nanoseconds per date for core's instant reader
 * (schema/src/instant.ts) against the same grammar as a regular expression and against
 * `Date.parse`, on `toISOString()` text (what samples carry) and on texts with offsets (what
 * devices may send). Medians of BENCH_RUNS (default 9) alternating runs of process CPU time.
 */
import os from 'node:os';
import { parseInstant } from '../src/time/instant.js';
import { measure, median } from './measure.js';

const COUNT = 200_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const START = Date.UTC(2025, 6, 1);

/** A year of sample dates, 1–3 minutes apart, with milliseconds as devices write them. */
const isoTexts = Array.from({ length: COUNT }, (_, i) =>
  new Date(START + i * 157_321).toISOString(),
);
/** The same instants as a device in New York or Kolkata writes them. */
const offsetTexts = isoTexts.map((text, i) =>
  i % 2 === 0
    ? `${new Date(Date.parse(text) - 4 * 3_600_000).toISOString().slice(0, 19)}-04:00`
    : `${new Date(Date.parse(text) + 19_800_000).toISOString().slice(0, 23)}+05:30`,
);

/** The grammar of instant.ts as a pattern, read with arithmetic: the design it replaced. */
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)$/;

function parseByPattern(text: string): number | null {
  const m = INSTANT.exec(text);
  if (!m) return null;
  const month = Number(m[2]);
  const day = Number(m[3]);
  const date = new Date(0);
  date.setUTCFullYear(Number(m[1]), month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  date.setUTCHours(Number(m[4]), Number(m[5]), m[6] === undefined ? 0 : Number(m[6]), millis);
  const sign = m[9] === '-' ? -1 : 1;
  const offset = m[8] ? 0 : sign * (Number(m[10]) * 60 + Number(m[11] ?? 0));
  return date.getTime() - offset * 60_000;
}

type Parser = (text: string) => number | null;

const PARSERS: ReadonlyArray<readonly [string, Parser]> = [
  ['parseInstant (instant.ts)', parseInstant],
  ['pattern + arithmetic', parseByPattern],
  ['Date.parse', Date.parse],
];

/** CPU nanoseconds per parse over `texts`; the checksum keeps the calls from being optimised out. */
function nsPerParse(parse: Parser, texts: readonly string[]): number {
  let checksum = 0;
  const { cpuMs } = measure(() => {
    for (const text of texts) checksum += parse(text) ?? 1;
  });
  if (checksum === 0) throw new Error('unexpected checksum');
  return (cpuMs * 1e6) / texts.length;
}

function row(label: string, texts: readonly string[]): string {
  for (const [, parse] of PARSERS) nsPerParse(parse, texts); // warm-up
  const runs = PARSERS.map(() => [] as number[]);
  for (let r = 0; r < RUNS; r++) {
    PARSERS.forEach(([, parse], i) => runs[i]?.push(nsPerParse(parse, texts)));
  }
  return `| ${label} | ${runs.map((ns) => `${median(ns).toFixed(0)} ns`).join(' | ')} |`;
}

function main(): void {
  for (const texts of [isoTexts, offsetTexts]) {
    for (const text of texts.slice(0, 1000)) {
      if (parseInstant(text) !== parseByPattern(text)) throw new Error(`Disagree on ${text}`);
    }
  }
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');
  console.log(
    [
      `Node ${process.version}, ${os.cpus().length} cores, load average at start ${load}; ` +
        `${COUNT.toLocaleString('en-US')} dates, medians of ${RUNS} runs of CPU time per parse.`,
      '',
      `| dates | ${PARSERS.map(([name]) => name).join(' | ')} |`,
      `|---|${PARSERS.map(() => '---|').join('')}`,
      row('`toISOString()` (2026-01-01T10:00:00.000Z)', isoTexts),
      row('offsets (…T10:00:00-04:00, …T10:00:00.000+05:30)', offsetTexts),
    ].join('\n'),
  );
}

main();
