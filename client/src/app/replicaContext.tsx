import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Replica } from '../sync/replica.js';
import { useSession } from './session.js';

/**
 * One replica per account, opened once per page (React may mount providers twice in development,
 * and the same RxDB database must not be created twice).
 */
const opened = new Map<string, Promise<Replica>>();

/**
 * RxDB and the sync code are loaded only when an account's replica opens: the public share viewer
 * and the sign-in screens never download them (BENCHMARKS.md, "Client bundle").
 */
async function loadAndOpen(userId: string, timeZone: string): Promise<Replica> {
  const [{ Replica }, { ReplicationStream, streamUrl }] = await Promise.all([
    import('../sync/replica.js'),
    import('../sync/stream.js'),
  ]);
  return Replica.open({
    userId,
    timeZone,
    stream: new ReplicationStream({ url: streamUrl(window.location) }),
    keyValueStore: window.localStorage,
  });
}

/** How a replica is opened: the browser's IndexedDB and the server, or a memory one in tests. */
export type OpenReplica = (userId: string, timeZone: string) => Promise<Replica>;

function openReplica(userId: string, timeZone: string, open: OpenReplica): Promise<Replica> {
  let replica = opened.get(userId);
  if (!replica) {
    replica = open(userId, timeZone);
    opened.set(userId, replica);
    replica.catch(() => opened.delete(userId));
  }
  return replica;
}

async function forgetReplica(userId: string, wipe: boolean): Promise<void> {
  const replica = opened.get(userId);
  opened.delete(userId);
  if (replica) {
    const open = await replica;
    await (wipe ? open.destroy() : open.close());
  }
  if (wipe) {
    // The per-account notes next to the replica (last sync, days changed here) go with it.
    const prefix = `hearth:${userId}:`;
    const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i));
    for (const key of keys) if (key?.startsWith(prefix)) localStorage.removeItem(key);
  }
}

type ReplicaState = { replica: Replica | null; error: Error | null };
const ReplicaContext = createContext<ReplicaState>({ replica: null, error: null });

export function ReplicaProvider(props: { children: ReactNode; open?: OpenReplica }) {
  const { children, open = loadAndOpen } = props;
  const { session } = useSession();
  const userId = session.status === 'signed-in' ? session.user.id : null;
  const zone = session.status === 'signed-in' ? session.user.timeZone : 'UTC';
  const [state, setState] = useState<ReplicaState>({ replica: null, error: null });

  useEffect(() => {
    if (!userId) return;
    let current = true;
    openReplica(userId, zone, open).then(
      (replica) => current && setState({ replica, error: null }),
      (error: unknown) =>
        current && setState({ replica: null, error: error instanceof Error ? error : null }),
    );
    return () => {
      current = false;
      setState({ replica: null, error: null });
    };
    // The zone only seeds a new replica; changing it must not reopen the database.
  }, [userId]);

  return <ReplicaContext.Provider value={state}>{children}</ReplicaContext.Provider>;
}

/** The open replica of the signed-in account, or null while it opens. */
export function useReplica(): Replica | null {
  return useContext(ReplicaContext).replica;
}

export function useReplicaError(): Error | null {
  return useContext(ReplicaContext).error;
}

/** Sign out: end the server session, then delete this account's data from this browser. */
export function useSignOut(): () => Promise<void> {
  const { session, signOut } = useSession();
  return async () => {
    if (session.status !== 'signed-in') return;
    const userId = session.user.id;
    await signOut(() => forgetReplica(userId, true));
  };
}
