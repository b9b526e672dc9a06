/** Percentiles and formatting for the server benchmark. */

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p% of the values at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarize(valuesMs: readonly number[]): LatencySummary {
  return {
    count: valuesMs.length,
    p50: percentile(valuesMs, 50),
    p99: percentile(valuesMs, 99),
    max: percentile(valuesMs, 100),
  };
}

export function ms(value: number): string {
  return value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(0)} ms`;
}

export function perSecond(count: number, elapsedMs: number): number {
  return (count / elapsedMs) * 1000;
}

export function sleep(msToWait: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, msToWait));
}
