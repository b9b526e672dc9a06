import { registerSchema, type ChangePassword } from '@hearth/schema';
import { useState, type FormEvent } from 'react';
import { accountErrorMessage, changePassword } from '../../api/account.js';
import { useAction } from '../../components/useAction.js';

type Props = { submit?: (body: ChangePassword) => Promise<void> };

/** Current and new password; the server signs every other session out (SPECIFICATION.md §14). */
export function ChangePasswordForm({ submit = changePassword }: Props) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const change = useAction(async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    // The length rule is the registration's (one schema); the server adds the rest of the policy.
    const length = registerSchema.shape.password.safeParse(next);
    if (!current) return setError('Enter your current password.');
    if (!length.success) return setError(length.error.issues[0]?.message ?? 'Too short.');
    if (next !== repeat) return setError('The new passwords do not match.');
    setError(null);
    await submit({ currentPassword: current, newPassword: next });
    setDone(true);
    setCurrent('');
    setNext('');
    setRepeat('');
  }, accountErrorMessage);
  // A password the form refuses, or the server's refusal.
  const shownError = error ?? change.error;

  return (
    <form className="form" onSubmit={change.run} noValidate aria-labelledby="pw-title">
      <h3 id="pw-title">Change password</h3>
      <label htmlFor="pw-current">Current password</label>
      <input
        id="pw-current"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
      />
      <label htmlFor="pw-new">New password</label>
      <input
        id="pw-new"
        type="password"
        autoComplete="new-password"
        aria-describedby="pw-new-hint"
        value={next}
        onChange={(e) => setNext(e.target.value)}
      />
      <p id="pw-new-hint" className="hint">
        At least 8 characters; a few unrelated words make a good one.
      </p>
      <label htmlFor="pw-repeat">New password again</label>
      <input
        id="pw-repeat"
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
      />
      {shownError && (
        <p role="alert" className="error-text">
          {shownError}
        </p>
      )}
      <button type="submit" className="primary" disabled={change.busy}>
        Change password
      </button>
      <p role="status">
        {done && 'Password changed. Your other devices are signed out and need the new one.'}
      </p>
    </form>
  );
}
