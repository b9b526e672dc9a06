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

/** Whether two states of a document agree on every one of `fields` (as JSON values). */
export function sameClientFields<D extends object>(
  a: D,
  b: D,
  fields: readonly (keyof D & string)[],
): boolean {
  return fields.every((field) => jsonEqual(a[field], b[field]));
}
