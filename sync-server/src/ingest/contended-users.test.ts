import { describe, expect, it } from 'vitest';
import { ContendedUsers } from './contended-users.js';

describe('ContendedUsers', () => {
  it('remembers a user for the hold time, then forgets', () => {
    const users = new ContendedUsers(1000);
    expect(users.has('ann', 0)).toBe(false);
    users.mark('ann', 0);
    expect(users.has('ann', 999)).toBe(true);
    expect(users.has('bob', 999)).toBe(false);
    expect(users.has('ann', 1000)).toBe(false);
    expect(users.has('ann', 0)).toBe(false);
  });

  it('keeps at most maxUsers, dropping the one marked longest ago', () => {
    const users = new ContendedUsers(1000, 2);
    users.mark('ann', 0);
    users.mark('bob', 1);
    users.mark('ann', 2);
    users.mark('cy', 3);
    expect([users.has('ann', 10), users.has('bob', 10), users.has('cy', 10)]).toEqual([
      true,
      false,
      true,
    ]);
  });
});
