import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { skipOnEmbedded, type TestDatabase } from '../test-support/test-db.js';
import { useTestDatabase } from '../test-support/fixture.js';
import { withTransaction } from './pool.js';
import { allocatePositions } from './positions.js';
import { migrate } from './migrate.js';

const SERIALISES =
  'serialises a user’s writers: positions commit in the order they were handed out';
const embedded = await skipOnEmbedded(import.meta.url, {
  [SERIALISES]: 'on one connection the writers never overlap, so the lock is never contended',
});

let db: TestDatabase;

async function newUser(): Promise<string> {
  const id = randomUUID();
  await db.pool.query(
    `INSERT INTO users (id, email, password_hash, wrapped_key) VALUES ($1, $2, 'x', '\\x00')`,
    [id, `${id}@example.org`],
  );
  return id;
}

useTestDatabase((fixture) => ({ db } = fixture));

describe('migrations', () => {
  it('apply once: a second run applies nothing', async () => {
    expect(await migrate(db.pool)).toEqual([]);
  });
});

describe('allocatePositions', () => {
  it('hands out consecutive ranges per user', async () => {
    const a = await newUser();
    const b = await newUser();
    expect(await allocatePositions(db.pool, a, 3)).toBe(1);
    expect(await allocatePositions(db.pool, a, 2)).toBe(4);
    expect(await allocatePositions(db.pool, b, 1)).toBe(1);
  });

  it.skipIf(embedded)(SERIALISES, async () => {
    const user = await newUser();
    const commitOrder: number[] = [];
    const writers = Array.from({ length: 6 }, () =>
      withTransaction(db.pool, async (client) => {
        const first = await allocatePositions(client, user, 1);
        // Hold the lock a moment: a second writer must wait for this COMMIT.
        await client.query('SELECT pg_sleep(0.02)');
        commitOrder.push(first);
        return first;
      }),
    );
    const got = await Promise.all(writers);
    expect([...got].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(commitOrder).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses an unknown user', async () => {
    await expect(allocatePositions(db.pool, randomUUID(), 1)).rejects.toMatchObject({
      code: 'not-found',
    });
  });
});
