import { describe, expect, it } from 'vitest';
import type { Queryable } from '../db/pool.js';
import { Keyring } from './keyring.js';

const MASTER_KEY = Buffer.alloc(32, 0x21);

/**
 * The `users` table as the keyring reads it (one wrapped key per id), counting reads: a read is
 * a cache miss. PostgreSQL behind the same statement is covered by the rotation and account tests.
 */
function usersTable(keyring: Keyring, ids: string[]) {
  const wrapped = new Map(ids.map((id) => [id, keyring.wrapNewUserKey(id)]));
  const reads: string[] = [];
  const db = {
    query: (_sql: string, [id]: [string]) => {
      reads.push(id);
      return Promise.resolve({ rows: [{ wrapped_key: wrapped.get(id)?.wrapped ?? null }] });
    },
  } as unknown as Queryable;
  return { db, reads, keyOf: (id: string) => wrapped.get(id)?.key };
}

describe('Keyring cache', () => {
  it('keeps at most maxEntries unwrapped keys, dropping the least recently used', async () => {
    const keyring = new Keyring(MASTER_KEY, { maxEntries: 2 });
    const { db, reads, keyOf } = usersTable(keyring, ['ann', 'bob', 'cy']);
    expect(await keyring.getUserKey(db, 'ann')).toEqual(keyOf('ann'));
    await keyring.getUserKey(db, 'bob');
    await keyring.getUserKey(db, 'ann'); // a hit: ann is now the most recently used
    await keyring.getUserKey(db, 'cy'); // evicts bob
    expect(keyring.cachedKeys).toBe(2);
    expect(reads).toEqual(['ann', 'bob', 'cy']);
    await keyring.getUserKey(db, 'ann');
    expect(reads).toEqual(['ann', 'bob', 'cy']);
    expect(await keyring.getUserKey(db, 'bob')).toEqual(keyOf('bob'));
    expect(reads).toEqual(['ann', 'bob', 'cy', 'bob']);
    expect(keyring.cachedKeys).toBe(2);
  });

  it('reads a forgotten key again', async () => {
    const keyring = new Keyring(MASTER_KEY);
    const { db, reads } = usersTable(keyring, ['ann']);
    await keyring.getUserKey(db, 'ann');
    keyring.forget('ann');
    await keyring.getUserKey(db, 'ann');
    expect(reads).toEqual(['ann', 'ann']);
  });
});
