import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './session.js';

/** Shows its children to a signed-in person; everyone else goes to the sign-in page. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (session.status === 'loading') {
    return (
      <main id="main" className="page page--center">
        <p role="status">Loading Hearth…</p>
      </main>
    );
  }
  if (session.status === 'signed-out') {
    return <Navigate to="/signin" replace state={{ from: location.pathname }} />;
  }
  return children;
}
