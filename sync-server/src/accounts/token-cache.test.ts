import { describe, expect, it } from 'vitest';
import type { NotifyHub } from '../notify.js';
import { TokenCache } from './token-cache.js';

type Resolved = { userId: string };

/** A hub that is listening and never sends anything: the cache is in use. */
const listeningHub = {
  listening: true,
  onUserErased: () => () => {},
  onResync: () => () => {},
} as unknown as NotifyHub;

const hash = (token: string) => Buffer.from(token);

/** Resolves `token` through the cache, recording every database lookup it needed. */
function resolver(cache: TokenCache<Resolved>, lookups: string[]) {
  return (token: string, userId = `user-of-${token}`) =>
    cache.resolve(hash(token), () => {
      lookups.push(token);
      return Promise.resolve({ userId });
    });
}

describe('TokenCache', () => {
  it('keeps at most maxEntries tokens, dropping the least recently used, not all of them', async () => {
    const cache = new TokenCache<Resolved>(listeningHub, (v) => v.userId, { maxEntries: 2 });
    const lookups: string[] = [];
    const resolve = resolver(cache, lookups);
    await resolve('a');
    await resolve('b');
    await resolve('a'); // a hit: `a` is now the most recently used
    await resolve('c'); // evicts `b`
    expect(cache.size).toBe(2);
    await resolve('a');
    await resolve('c');
    expect(lookups).toEqual(['a', 'b', 'c']);
    await resolve('b');
    expect(lookups).toEqual(['a', 'b', 'c', 'b']);
  });

  it("forgets every token of a user and nobody else's", async () => {
    const cache = new TokenCache<Resolved>(listeningHub, (v) => v.userId);
    const lookups: string[] = [];
    const resolve = resolver(cache, lookups);
    await resolve('a1', 'ann');
    await resolve('a2', 'ann');
    await resolve('b1', 'bob');
    cache.forgetUser('ann');
    expect(cache.size).toBe(1);
    await resolve('a1', 'ann');
    await resolve('b1', 'bob');
    expect(lookups).toEqual(['a1', 'a2', 'b1', 'a1']);
  });

  it('caches nothing while the hub is not listening', async () => {
    const deaf = { ...listeningHub, listening: false } as unknown as NotifyHub;
    const cache = new TokenCache<Resolved>(deaf, (v) => v.userId);
    const lookups: string[] = [];
    const resolve = resolver(cache, lookups);
    await resolve('a');
    await resolve('a');
    expect(lookups).toEqual(['a', 'a']);
  });
});
