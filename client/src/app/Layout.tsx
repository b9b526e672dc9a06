import { Outlet, type RouteObject } from 'react-router';
import { ActionError } from '../components/ActionError.js';
import { LoadError } from '../components/LoadError.js';
import { useAction } from '../components/useAction.js';
import { useSettings } from '../data/useReplicaData.js';
import { MainNav, navItems } from './MainNav.js';
import { useReplicaError, useSignOut } from './replicaContext.js';
import { useSession } from './session.js';
import { SyncIndicator } from './sync-indicator/SyncIndicator.js';
import './print.css';

function SignOutButton() {
  const signOutNow = useSignOut();
  const signOut = useAction(
    signOutNow,
    () => 'Signing out needs a connection to the server. Try again when online.',
  );
  return (
    <div className="sign-out">
      <button type="button" onClick={signOut.run} disabled={signOut.busy}>
        {signOut.busy ? 'Signing out…' : 'Sign out'}
      </button>
      <ActionError error={signOut.error} />
    </div>
  );
}

/** Settings shape every screen (zone, units), so their failure is said once, above all of them. */
function SettingsLoadError() {
  const { error, retry } = useSettings();
  if (!error) return null;
  return (
    <LoadError
      what="Your settings"
      error={error}
      onRetry={retry}
      meanwhile="Hearth shows your account’s time zone and the default units meanwhile."
    />
  );
}

/** The frame of every signed-in screen: banner with sync status, navigation, main content. */
export function Layout({ navRoutes }: { navRoutes: RouteObject[] }) {
  const { session } = useSession();
  const replicaError = useReplicaError();
  const email = session.status === 'signed-in' ? session.user.email : '';
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header__brand">
          <img src="/icons/icon-192.png" alt="" width="32" height="32" />
          <span className="app-name">Hearth</span>
        </div>
        <SyncIndicator />
        <div className="app-header__account">
          <span className="muted" title="Signed in as">
            {email}
          </span>
          <SignOutButton />
        </div>
      </header>
      <MainNav
        items={navItems(navRoutes)}
        account={
          <div className="app-nav__account">
            <p className="muted">Signed in as {email}</p>
            <SignOutButton />
          </div>
        }
      />
      <main id="main" className="page" tabIndex={-1}>
        {replicaError && (
          <p role="alert" className="error-text">
            This browser could not open your local data: {replicaError.message}
          </p>
        )}
        <SettingsLoadError />
        <Outlet />
      </main>
    </div>
  );
}
