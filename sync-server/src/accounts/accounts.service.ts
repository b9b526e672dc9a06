import { randomUUID } from 'node:crypto';
import type { Login, Me, Register } from '@hearth/schema';
import { AppError } from '../errors.js';
import { withTransaction, type Pool, type PoolClient } from '../db/pool.js';
import { allocatePositions } from '../db/positions.js';
import type { Keyring } from '../crypto/keyring.js';
import { hashToken, newSecretToken } from '../crypto/tokens.js';
import { publishSessionRevoked } from '../notify.js';
import { insertDevice } from '../devices/devices.repository.js';
import { insertDefaultSettings } from '../settings/settings.repository.js';
import type { LoginThrottle } from '../security/login-throttle.js';
import { passwordProblem } from './password-policy.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.js';
import { deleteSession, insertSession } from './sessions.repository.js';
import { findLiveUserByEmail, insertUser, type UserRow } from './users.repository.js';

export interface AccountDeps {
  pool: Pool;
  keyring: Keyring;
  throttle: LoginThrottle;
  sessionTtlMs: number;
}

export interface SignedIn {
  me: Me;
  sessionToken: string;
  expiresAt: Date;
}

export const MANUAL_ENTRY_DEVICE_NAME = 'Manual entry';

function toMe(user: Pick<UserRow, 'id' | 'email' | 'timeZone' | 'isAdmin' | 'createdAt'>): Me {
  return {
    id: user.id,
    email: user.email,
    timeZone: user.timeZone,
    isAdmin: user.isAdmin,
    createdAt: user.createdAt,
  };
}

async function openSession(db: PoolClient | Pool, userId: string, ttlMs: number) {
  const sessionToken = newSecretToken();
  const expiresAt = new Date(Date.now() + ttlMs);
  await insertSession(db, hashToken(sessionToken), userId, expiresAt);
  return { sessionToken, expiresAt };
}

function invalidCredentials(): AppError {
  return new AppError('invalid-credentials', 'Wrong email or password');
}

function throttled(retryAfterMs: number): AppError {
  return new AppError(
    'rate-limited',
    'Too many sign-in attempts for this address. Wait a little and try again.',
    { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) },
  );
}

function refuseWeakPassword(input: Register): void {
  const problem = passwordProblem(input.password, input.email);
  if (problem) {
    throw new AppError(
      'weak-password',
      `Choose a stronger password. ${problem} A few unrelated words make a good one.`,
    );
  }
}

/**
 * The answer to registering an address that already has an account, when the password is not
 * the account's: shaped like a new account's (201, a user, a session cookie) but the id is made
 * up and the token names no session, so nothing about the account shows and nothing of it
 * changes. The cookie simply does not sign in (the PWA then asks to sign in).
 */
function decoy(input: Register, ttlMs: number): SignedIn {
  const me: Me = {
    id: randomUUID(),
    email: input.email,
    timeZone: input.timeZone ?? 'UTC',
    isAdmin: false,
    createdAt: new Date().toISOString(),
  };
  return { me, sessionToken: newSecretToken(), expiresAt: new Date(Date.now() + ttlMs) };
}

/**
 * Registering a taken address. The owner (the right password) is signed in, as a login would;
 * anyone else gets the decoy. The password check goes through the per-account throttle like a
 * login, so registering is no way around it; a throttled attempt also gets the decoy, unchecked.
 */
async function registerTakenAddress(
  deps: AccountDeps,
  input: Register,
  user: UserRow,
): Promise<SignedIn> {
  const attempt = await deps.throttle.attempt(input.email);
  if (!attempt.allowed) {
    await burnPasswordCheck(input.password);
    return decoy(input, deps.sessionTtlMs);
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    return decoy(input, deps.sessionTtlMs);
  }
  await deps.throttle.succeeded(input.email);
  const session = await openSession(deps.pool, user.id, deps.sessionTtlMs);
  return { me: toMe(user), ...session };
}

/**
 * Creates the account with everything a new user needs in one transaction: the wrapped data
 * key, default settings, the "Manual entry" device (so the PWA can record entries offline)
 * and a session. Nobody becomes an administrator by registering (see admin-cli/).
 *
 * No account enumeration: a taken address answers like a free one (see `decoy`), and both take
 * one Argon2 hash and one Argon2 check.
 */
export async function register(deps: AccountDeps, input: Register): Promise<SignedIn> {
  refuseWeakPassword(input);
  const passwordHash = await hashPassword(input.password);
  const existing = await findLiveUserByEmail(deps.pool, input.email);
  if (existing) return registerTakenAddress(deps, input, existing);
  await burnPasswordCheck(input.password);
  const id = randomUUID();
  const timeZone = input.timeZone ?? 'UTC';
  const { wrapped } = deps.keyring.wrapNewUserKey(id);
  const created = await withTransaction(deps.pool, async (client) => {
    const createdAt = await insertUser(client, {
      id,
      email: input.email,
      passwordHash,
      timeZone,
      isAdmin: false,
      wrappedKey: wrapped,
    });
    // Registered a moment ago by a concurrent request: answered below like any taken address.
    if (!createdAt) return null;
    const first = await allocatePositions(client, id, 2);
    await insertDefaultSettings(client, id, timeZone, first);
    await insertDevice(
      client,
      id,
      { id: randomUUID(), name: MANUAL_ENTRY_DEVICE_NAME, kind: 'manual_entry', tokenHash: null },
      first + 1,
    );
    const session = await openSession(client, id, deps.sessionTtlMs);
    const me = toMe({ id, email: input.email, timeZone, isAdmin: false, createdAt });
    return { me, ...session };
  });
  if (created) return created;
  const winner = await findLiveUserByEmail(deps.pool, input.email);
  return winner ? registerTakenAddress(deps, input, winner) : decoy(input, deps.sessionTtlMs);
}

/**
 * A wrong password and an unknown address take the same path: one throttle upsert, one lookup,
 * one Argon2 check, the same answer. The throttle is keyed by the address as typed, so it
 * behaves the same for both.
 */
export async function login(deps: AccountDeps, input: Login): Promise<SignedIn> {
  const attempt = await deps.throttle.attempt(input.email);
  if (!attempt.allowed) throw throttled(attempt.retryAfterMs);
  const user = await findLiveUserByEmail(deps.pool, input.email);
  if (!user) {
    await burnPasswordCheck(input.password);
    throw invalidCredentials();
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) throw invalidCredentials();
  await deps.throttle.succeeded(input.email);
  const session = await openSession(deps.pool, user.id, deps.sessionTtlMs);
  return { me: toMe(user), ...session };
}

/** Deletes the session and tells every instance to forget it (their session caches). */
export async function logout(pool: Pool, sessionToken: string | undefined): Promise<void> {
  if (!sessionToken) return;
  const hash = hashToken(sessionToken);
  await withTransaction(pool, async (client) => {
    await deleteSession(client, hash);
    await publishSessionRevoked(client, hash.toString('hex'));
  });
}
