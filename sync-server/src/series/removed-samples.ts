import type { SeriesPoint } from '@hearth/schema';
import { open, rowAad, seal } from '../crypto/envelope.js';
import { decodePoints, encodePoints, type SeriesKey } from './series-codec.js';

/**
 * Samples the person deleted, kept per series as their identities (start, end): within a series
 * the device and type are fixed, so (start, end) is a sample's whole identity (SPECIFICATION.md
 * §3, §14). A deletion reaches the server as a series change that drops points (or tombstones
 * the series); the points dropped become removed identities here, and a device batch re-sending
 * one of them is ignored by the fold instead of bringing the sample back. Only an explicit write
 * of the same identity by the person (a series push holding it: an entry made again) lifts it.
 *
 * The list is sealed like the points (it tells when something happened) and stored as triples
 * with value 0 through the series codec, under its own associated data so the two columns cannot
 * be swapped.
 */
export type SampleIdentity = readonly [start: number, end: number];

const identityKey = (start: number, end: number) => `${start}|${end}`;

const removedAad = (userId: string, key: SeriesKey) =>
  rowAad('series-removed', userId, key.deviceId, key.type, key.hourStart);

export function sealRemoved(
  dataKey: Buffer,
  userId: string,
  key: SeriesKey,
  removed: readonly SampleIdentity[],
): Buffer | null {
  if (removed.length === 0) return null;
  const points = removed.map(([start, end]): SeriesPoint => [start, end, 0]);
  return seal(dataKey, encodePoints(points), removedAad(userId, key));
}

export function openRemoved(
  dataKey: Buffer,
  userId: string,
  key: SeriesKey,
  sealed: Buffer | null,
): SampleIdentity[] {
  if (!sealed) return [];
  const points = decodePoints(open(dataKey, sealed, removedAad(userId, key)));
  return points.map(([start, end]) => [start, end] as const);
}

/**
 * The removed identities after a write that turns `before` into `after` (the live points of the
 * series on each side): every identity present before and absent after joins the list, every
 * identity present after leaves it. Sorted by (start, end), so the sealed list is canonical.
 */
export function nextRemoved(
  removed: readonly SampleIdentity[],
  before: readonly SeriesPoint[],
  after: readonly SeriesPoint[],
): SampleIdentity[] {
  const present = new Set(after.map((p) => identityKey(p[0], p[1])));
  const next = new Map<string, SampleIdentity>();
  for (const id of removed) next.set(identityKey(id[0], id[1]), id);
  for (const p of before) next.set(identityKey(p[0], p[1]), [p[0], p[1]]);
  for (const key of present) next.delete(key);
  return [...next.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** The points whose identity the person has not deleted. */
export function withoutRemoved(
  points: readonly SeriesPoint[],
  removed: readonly SampleIdentity[],
): SeriesPoint[] {
  if (removed.length === 0) return [...points];
  const gone = new Set(removed.map(([start, end]) => identityKey(start, end)));
  return points.filter((p) => !gone.has(identityKey(p[0], p[1])));
}
