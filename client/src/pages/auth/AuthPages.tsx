import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, NetworkError } from '../../api/http.js';
import { useSession } from '../../app/session.js';
import { browserTimeZone, TimeZoneSelect } from '../../components/TimeZoneSelect.js';
import { useAction } from '../../components/useAction.js';

function authErrorMessage(error: unknown): string {
  if (error instanceof NetworkError) return 'The server cannot be reached. Check your connection.';
  if (error instanceof ApiError) {
    if (error.code === 'invalid-credentials') return 'That email and password do not match.';
    // The server's sentence says what is wrong with the password ("It is one of the most
    // common passwords.") and what works instead.
    if (error.code === 'weak-password') return error.message;
    // Signing up with an address that already has an account answers like a new account but
    // opens no session (so the server never says which addresses are taken): the follow-up
    // /auth/me is a 401. The owner only has to sign in.
    if (error.code === 'unauthenticated') {
      return 'Your account could not be opened. If this address already has an account, sign in with its password.';
    }
    if (error.code === 'rate-limited') return 'Too many attempts. Wait a minute and try again.';
    return error.message;
  }
  return 'Something went wrong. Try again.';
}

function useAfterAuth(): () => void {
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  // An in-app navigation has nothing to fail on: its promise only says when it is done.
  return () => void navigate(from && from !== '/signin' ? from : '/', { replace: true });
}

type FormProps = {
  title: string;
  submitLabel: string;
  passwordAutoComplete: 'current-password' | 'new-password';
  onSubmit: (email: string, password: string) => Promise<void>;
  children?: ReactNode;
  footer: ReactNode;
};

function AuthForm({
  title,
  submitLabel,
  passwordAutoComplete,
  onSubmit,
  children,
  footer,
}: FormProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = useAction(async (event: FormEvent) => {
    event.preventDefault();
    await onSubmit(email, password);
  }, authErrorMessage);
  const { error, busy } = submit;
  return (
    <main id="main" className="page page--narrow">
      <h1>{title}</h1>
      <form
        onSubmit={submit.run}
        className="form"
        aria-describedby={error ? 'auth-error' : undefined}
      >
        <label htmlFor="email">Email</label>
        <input
          id="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          type="password"
          autoComplete={passwordAutoComplete}
          required
          minLength={passwordAutoComplete === 'new-password' ? 8 : 1}
          aria-describedby={passwordAutoComplete === 'new-password' ? 'password-hint' : undefined}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {passwordAutoComplete === 'new-password' && (
          <p id="password-hint" className="hint">
            At least 8 characters, and not a common or easily guessed password: a few unrelated
            words make a good one.
          </p>
        )}
        {children}
        {error && (
          <p id="auth-error" role="alert" className="error-text">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Please wait…' : submitLabel}
        </button>
      </form>
      <p>{footer}</p>
    </main>
  );
}

export function SignInPage() {
  const { session, signIn } = useSession();
  const done = useAfterAuth();
  if (session.status === 'signed-in') return <Navigate to="/" replace />;
  return (
    <AuthForm
      title="Sign in to Hearth"
      submitLabel="Sign in"
      passwordAutoComplete="current-password"
      onSubmit={async (email, password) => {
        await signIn(email, password);
        done();
      }}
      footer={
        <>
          New here? <Link to="/signup">Create an account</Link>
        </>
      }
    />
  );
}

export function SignUpPage() {
  const { session, signUp } = useSession();
  const done = useAfterAuth();
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  if (session.status === 'signed-in') return <Navigate to="/" replace />;
  return (
    <AuthForm
      title="Create your Hearth account"
      submitLabel="Create account"
      passwordAutoComplete="new-password"
      onSubmit={async (email, password) => {
        await signUp(email, password, timeZone);
        done();
      }}
      footer={
        <>
          Already have an account? <Link to="/signin">Sign in</Link>
        </>
      }
    >
      <label htmlFor="time-zone">Time zone</label>
      <TimeZoneSelect
        id="time-zone"
        value={timeZone}
        onChange={setTimeZone}
        describedBy="time-zone-hint"
      />
      <p id="time-zone-hint" className="hint">
        Days, weeks and months are counted in this zone. You can change it later.
      </p>
    </AuthForm>
  );
}
