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
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.js';
import { deleteSession, insertSession } from './sessions.repository.js';
import { findLiveUserByEmail, insertUser, type UserRow } from './users.repository.js';

export interface AccountDeps {
  pool: Pool;
  keyring: Keyring;
  adminEmails: ReadonlySet<string>;
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

/**
 * Creates the account with everything a new user needs in one transaction: the wrapped data
 * key, default settings, the "Manual entry" device (so the PWA can record entries offline)
 * and a session.
 */
export async function register(deps: AccountDeps, input: Register): Promise<SignedIn> {
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  const timeZone = input.timeZone ?? 'UTC';
  const isAdmin = deps.adminEmails.has(input.email);
  const { wrapped } = deps.keyring.wrapNewUserKey(id);
  return withTransaction(deps.pool, async (client) => {
    const createdAt = await insertUser(client, {
      id,
      email: input.email,
      passwordHash,
      timeZone,
      isAdmin,
      wrappedKey: wrapped,
    });
    if (!createdAt) throw new AppError('email-taken', 'An account with this email already exists');
    const first = await allocatePositions(client, id, 2);
    await insertDefaultSettings(client, id, timeZone, first);
    await insertDevice(
      client,
      id,
      { id: randomUUID(), name: MANUAL_ENTRY_DEVICE_NAME, kind: 'manual_entry', tokenHash: null },
      first + 1,
    );
    const session = await openSession(client, id, deps.sessionTtlMs);
    const me = toMe({ id, email: input.email, timeZone, isAdmin, createdAt });
    return { me, ...session };
  });
}

export async function login(deps: AccountDeps, input: Login): Promise<SignedIn> {
  const user = await findLiveUserByEmail(deps.pool, input.email);
  if (!user) {
    await burnPasswordCheck(input.password);
    throw new AppError('invalid-credentials', 'Wrong email or password');
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    throw new AppError('invalid-credentials', 'Wrong email or password');
  }
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
