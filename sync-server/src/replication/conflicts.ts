/**
 * The push conflict rule (SPEC R3): a pushed row may overwrite the master state only if the
 * client saw that state, judged on the fields the client owns (`REPLICATED_CLIENT_FIELDS`).
 * Server-managed fields (`updatedAt`, `lastSyncAt`, `createdAt`, positions) change behind the
 * client's back and must never turn a clean push into a conflict. Field equality is core's
 * `sameClientFields`, which the devices' conflict merge uses too.
 */
import { sameClientFields } from '@hearth/core';

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
