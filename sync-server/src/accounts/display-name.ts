import type { Profile } from '@hearth/schema';
import type { Queryable } from '../db/pool.js';
import { openJson, rowAad, sealJson } from '../crypto/envelope.js';

/**
 * The person's display name (SPECIFICATION.md §14: shown to whoever opens their share links), in
 * `users.display_name_sealed` under their own key like every other thing that says who they are.
 * NULL and an empty name both mean none; an erased account's key is gone, and the name with it.
 */
const displayNameAad = (userId: string) => rowAad('users', userId, 'display_name');

export async function readDisplayName(
  db: Queryable,
  userId: string,
  dataKey: Buffer,
): Promise<string> {
  const res = await db.query<{ display_name_sealed: Buffer | null }>(
    'SELECT display_name_sealed FROM users WHERE id = $1',
    [userId],
  );
  const sealed = res.rows[0]?.display_name_sealed;
  if (!sealed) return '';
  const profile = openJson(dataKey, sealed, displayNameAad(userId)) as Profile;
  return profile.displayName;
}

/** Stores the name (already trimmed by `profileSchema`); an empty one clears the column. */
export async function writeDisplayName(
  db: Queryable,
  userId: string,
  dataKey: Buffer,
  displayName: string,
): Promise<void> {
  const sealed =
    displayName === '' ? null : sealJson(dataKey, { displayName }, displayNameAad(userId));
  await db.query('UPDATE users SET display_name_sealed = $2 WHERE id = $1', [userId, sealed]);
}
