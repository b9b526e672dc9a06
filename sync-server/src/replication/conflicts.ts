/**
 * The push conflict rule (SPEC R3): a pushed row may overwrite the master state only if the
 * client saw that state, judged on the fields the client owns. Server-managed fields
 * (`updatedAt`, `lastSyncAt`, `createdAt`, positions) change behind the client's back and must
 * never turn a clean push into a conflict.
 */

/**
 * Equality of JSON values. Object keys compare as sets: PostgreSQL's jsonb reorders keys, so
 * `{a, b}` stored and read back may come out as `{b, a}`. A key holding `undefined` counts as
 * absent, as it does once serialised.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) {
    if (!jsonEqual(left[key], right[key])) return false;
  }
  return true;
}

export function sameClientFields<D extends object>(
  a: D,
  b: D,
  fields: readonly (keyof D & string)[],
): boolean {
  return fields.every((field) => jsonEqual(a[field], b[field]));
}

export type PushDecision = 'write' | 'conflict';

/**
 * Decides one pushed row against the current master state.
 * - no master: write (there is nothing another writer could lose, whatever the client assumed);
 * - a master the client never saw (`assumed` null): conflict;
 * - otherwise write exactly when master and assumed agree on every client-owned field.
 */
export function decidePush<D extends object>(
  master: D | null,
  assumed: D | null,
  fields: readonly (keyof D & string)[],
): PushDecision {
  if (master === null) return 'write';
  if (assumed === null) return 'conflict';
  return sameClientFields(master, assumed, fields) ? 'write' : 'conflict';
}
