import { useMemo } from 'react';
import { localProfileCache } from '../../api/profileCache.js';
import { useSignOut } from '../../app/replicaContext.js';
import { useSession } from '../../app/session.js';
import { ChangePasswordForm } from './ChangePasswordForm.js';
import { DeleteAccountForm } from './DeleteAccountForm.js';
import { ProfileForm } from './ProfileForm.js';

/** Display name, password and account deletion: these need the server, so they need a connection. */
export function AccountSection() {
  const { session } = useSession();
  const signOut = useSignOut();
  const userId = session.status === 'signed-in' ? session.user.id : null;
  const profileCache = useMemo(() => (userId ? localProfileCache(userId) : null), [userId]);
  if (session.status !== 'signed-in') return null;
  return (
    <section aria-labelledby="account-title">
      <h2 id="account-title">Account</h2>
      <ProfileForm cache={profileCache} />
      <ChangePasswordForm />
      <DeleteAccountForm email={session.user.email} onDeleted={signOut} />
    </section>
  );
}
