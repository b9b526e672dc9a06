import type { ChangePassword } from '@hearth/schema';
import { AppError } from '../errors.js';
import { withTransaction, type Pool } from '../db/pool.js';
import { hashToken } from '../crypto/tokens.js';
import { publishSessionRevoked } from '../notify.js';
import type { LoginThrottle } from '../security/login-throttle.js';
import { passwordProblem } from './password-policy.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { findLiveUserById } from './users.repository.js';

/**
 * Changes the password of the signed-in person: the current one is checked (through the
 * per-account login throttle, so a stolen session cannot guess it faster than a sign-in), the
 * new one meets the registration policy, and every other session of the account is signed out
 * in the same transaction, on every instance (their session caches hear the revocation).
 */
export async function changePassword(
  deps: { pool: Pool; throttle: LoginThrottle },
  userId: string,
  sessionToken: string,
  input: ChangePassword,
): Promise<void> {
  const user = await findLiveUserById(deps.pool, userId);
  if (!user) throw new AppError('unauthenticated', 'Sign in first');
  const attempt = await deps.throttle.attempt(user.email);
  if (!attempt.allowed) {
    throw new AppError('rate-limited', 'Too many attempts. Wait a little and try again.', {
      retryAfterSeconds: Math.ceil(attempt.retryAfterMs / 1000),
    });
  }
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('invalid-credentials', 'Your current password is not right');
  }
  await deps.throttle.succeeded(user.email);
  const problem = passwordProblem(input.newPassword, user.email);
  if (problem) {
    throw new AppError(
      'weak-password',
      `Choose a stronger password. ${problem} A few unrelated words make a good one.`,
    );
  }
  const passwordHash = await hashPassword(input.newPassword);
  await withTransaction(deps.pool, async (client) => {
    await client.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, passwordHash]);
    const others = await client.query<{ token_hash: Buffer }>(
      'DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2 RETURNING token_hash',
      [userId, hashToken(sessionToken)],
    );
    for (const row of others.rows) {
      await publishSessionRevoked(client, row.token_hash.toString('hex'));
    }
  });
}
