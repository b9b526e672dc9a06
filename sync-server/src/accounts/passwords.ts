import argon2 from 'argon2';

// OWASP's recommended Argon2id floor (19 MiB, 2 passes, 1 lane): ~30 ms here, and it keeps a
// burst of logins on a 2-core machine from exhausting memory.
export const PASSWORD_HASH_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, PASSWORD_HASH_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/**
 * A hash made with PASSWORD_HASH_OPTIONS (passwords.test.ts checks it still is), checked when
 * there is no real one. A constant rather than one computed on first use, so that not even the
 * first unknown address of a process answers later than a wrong password would.
 */
export const TIMING_EQUALISER_HASH =
  '$argon2id$v=19$m=19456,p=1,t=2$0fYTArOGYplY3jDko6RfhQ$yhB18MTtSzgjmT9tYHw+FAus4SUo232WRxe7FywvM44';

/** Spends the same time as a real check, so a login for an unknown email is not faster. */
export async function burnPasswordCheck(password: string): Promise<void> {
  await verifyPassword(TIMING_EQUALISER_HASH, password);
}
