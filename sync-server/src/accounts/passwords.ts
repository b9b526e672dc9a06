import argon2 from 'argon2';

// OWASP's recommended Argon2id floor (19 MiB, 2 passes, 1 lane): ~30 ms here, and it keeps a
// burst of logins on a 2-core machine from exhausting memory.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/** Spends the same time as a real check, so a login for an unknown email is not faster. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('hearth-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}
