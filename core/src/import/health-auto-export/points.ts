import type { SampleErrorCode } from '@hearth/schema';
import { sourceKey } from '../sources.js';
import { haeDateToIso } from './dates.js';

/** A point's reading, or why it cannot be read. */
export type Read<T> = { ok: true; value: T } | { ok: false; code: SampleErrorCode; error: string };

export const refuse = (code: SampleErrorCode, error: string): Read<never> => ({
  ok: false,
  code,
  error,
});

export const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** A finite number field (HAE writes numbers; some exporters write numeric strings). */
export function numberField(point: Record<string, unknown>, key: string): number | null {
  const v = point[key];
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** A date-time field as ISO 8601 text and epoch ms, or a refusal that names the field. */
export function dateField(
  point: Record<string, unknown>,
  key: string,
): Read<{ iso: string; ms: number }> {
  const v = point[key];
  if (v === undefined || v === null || v === '') {
    return refuse('sample-invalid-date', `The point has no ${key}.`);
  }
  const iso = typeof v === 'string' ? haeDateToIso(v) : null;
  const ms = iso === null ? NaN : Date.parse(iso);
  if (iso === null || Number.isNaN(ms)) {
    return refuse(
      'sample-invalid-date',
      `${key} must be a date as Health Auto Export writes it, e.g. 2024-01-05 07:57:00 -0700.`,
    );
  }
  return { ok: true, value: { iso, ms } };
}

/** The instant `durationMs` after `start`, as ISO 8601 text in UTC. */
export function isoAfter(start: { iso: string; ms: number }, durationMs: number): string {
  return new Date(start.ms + durationMs).toISOString();
}

/**
 * The one source a point names, or null for none or several: HAE joins the sources HealthKit
 * merged into one aggregated point with `|` ("Anna’s Apple Watch|Anna’s iPhone"), and such a
 * point already is HealthKit's deduplicated figure for the interval, so it belongs to no single
 * source. Names that differ only by apostrophes or spacing are one source.
 */
export function singleSource(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const names = value
    .split('|')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const first = names[0];
  if (first === undefined) return null;
  const key = sourceKey(first);
  return names.every((name) => sourceKey(name) === key) ? first : null;
}
