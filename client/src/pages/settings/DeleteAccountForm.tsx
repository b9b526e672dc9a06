import { useState, type FormEvent } from 'react';
import { accountErrorMessage, deleteAccount } from '../../api/account.js';
import { ActionError } from '../../components/ActionError.js';
import { useAction } from '../../components/useAction.js';

type Props = {
  email: string;
  /** After the server erased the account: sign out here and forget the local replica. */
  onDeleted: () => Promise<void>;
  submit?: (password: string) => Promise<void>;
};

/**
 * Deleting the account erases every sample, rollup, device and share link and destroys the
 * data key. Typing the email (and the password, which the server checks) makes it deliberate.
 */
export function DeleteAccountForm({ email, onDeleted, submit = deleteAccount }: Props) {
  const [typedEmail, setTypedEmail] = useState('');
  const [password, setPassword] = useState('');
  const confirmed = typedEmail.trim().toLowerCase() === email.toLowerCase() && password !== '';

  const erase = useAction(async (event: FormEvent) => {
    event.preventDefault();
    if (!confirmed) return;
    await submit(password);
    await onDeleted();
  }, accountErrorMessage);

  return (
    <form className="form" onSubmit={erase.run} noValidate aria-labelledby="del-title">
      <h3 id="del-title">Delete account</h3>
      <p id="del-warning">
        This deletes all your health data, devices and share links on the server and on this device,
        for good. Export it first if you want to keep a copy.
      </p>
      <label htmlFor="del-email">
        Type your email, <strong>{email}</strong>, to confirm
      </label>
      <input
        id="del-email"
        type="email"
        autoComplete="off"
        value={typedEmail}
        onChange={(e) => setTypedEmail(e.target.value)}
      />
      <label htmlFor="del-password">Password</label>
      <input
        id="del-password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <ActionError error={erase.error} />
      <button
        type="submit"
        className="danger"
        disabled={!confirmed || erase.busy}
        aria-describedby="del-warning"
      >
        Delete my account and all its data
      </button>
    </form>
  );
}
