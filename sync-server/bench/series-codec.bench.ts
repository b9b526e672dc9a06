import type { SeriesPoint } from '@hearth/schema';
import { decodePoints, encodeFloatPoints, encodePoints } from '../src/series/series-codec.js';

/**
 * What the compact series payload costs in CPU against float64 (BENCHMARKS.md, "Bytes at rest"):
 * 500,000 points in rows of ten, half regular integer series, half float64 values, each encoded
 * and decoded three times in this process; the third round is printed.
 * Run from sync-server/: node --conditions=@hearth/source --import tsx bench/series-codec.bench.ts
 */
const ROWS = 50_000;
const rows: SeriesPoint[][] = Array.from({ length: ROWS }, (_, r) => {
  const hour = 1_760_000_000_000 + r * 3_600_000;
  return Array.from({ length: 10 }, (_, i): SeriesPoint => {
    const start = hour + i * 60_000;
    return [start, start + 60_000, r % 2 ? 70 + i : 1.2345678 * i];
  });
});

for (const [name, encode] of [
  ['float64 (versions 1/2)', encodeFloatPoints],
  ['compact (version 3)', encodePoints],
] as const) {
  let line = '';
  for (let round = 0; round < 3; round++) {
    let started = performance.now();
    const payloads = rows.map((points) => encode(points));
    const encodeMs = performance.now() - started;
    started = performance.now();
    let points = 0;
    for (const payload of payloads) points += decodePoints(payload).length;
    const decodeMs = performance.now() - started;
    const bytes = payloads.reduce((n, p) => n + p.length, 0);
    line =
      `${name}: ${points.toLocaleString('en')} points, encode ${encodeMs.toFixed(0)} ms, ` +
      `decode ${decodeMs.toFixed(0)} ms, ${(bytes / points).toFixed(1)} bytes a point unsealed`;
  }
  console.log(line);
}
