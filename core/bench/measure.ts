/** Small timing helpers for the core benchmark (wall-clock ms via `performance.now`). */

/** Wall-clock and process CPU time (ms) of one call. CPU time is steadier on a shared machine. */
export function measure(run: () => unknown): { wallMs: number; cpuMs: number } {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  run();
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface Timing {
  wallMs: number;
  cpuMs: number;
}

export interface Paired {
  baseline: Timing;
  subject: Timing;
  /** Medians of the per-run ratios subject / baseline: robust when other work slows one run. */
  wallRatio: number;
  cpuRatio: number;
}

/** Median wall and CPU time of `runs` calls (after one warm-up call). */
export function medianTiming(runs: number, run: () => unknown): Timing {
  run();
  const times = Array.from({ length: runs }, () => measure(run));
  return { wallMs: median(times.map((t) => t.wallMs)), cpuMs: median(times.map((t) => t.cpuMs)) };
}

/**
 * Runs `baseline` and `subject` alternately `runs` times after one warm-up each, so both see the
 * same machine conditions; reports median times and median per-run ratios.
 */
export function pairedRuns(runs: number, baseline: () => unknown, subject: () => unknown): Paired {
  baseline();
  subject();
  const pairs = Array.from({ length: runs }, () => [measure(baseline), measure(subject)] as const);
  const medianOf = (pick: (pair: (typeof pairs)[number]) => number) => median(pairs.map(pick));
  return {
    baseline: { wallMs: medianOf(([b]) => b.wallMs), cpuMs: medianOf(([b]) => b.cpuMs) },
    subject: { wallMs: medianOf(([, s]) => s.wallMs), cpuMs: medianOf(([, s]) => s.cpuMs) },
    wallRatio: medianOf(([b, s]) => s.wallMs / b.wallMs),
    cpuRatio: medianOf(([b, s]) => s.cpuMs / b.cpuMs),
  };
}

/** Deterministic shuffle (mulberry32), so every run of the benchmark sees the same order. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
