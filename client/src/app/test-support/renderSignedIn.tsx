import type { Me } from '@hearth/schema';
import { cleanup, render } from '@testing-library/react';
import { useEffect, type ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { vi } from 'vitest';
import { NetworkError } from '../../api/http.js';
import { FormatProvider } from '../../format/FormatProvider.js';
import { Replica } from '../../sync/replica.js';
import type { ReplicationTransport } from '../../sync/transport.js';
import { ReplicaProvider, useReplica } from '../replicaContext.js';
import { SessionProvider } from '../session.js';

let accounts = 0;
/** Replicas opened since the last cleanup: `cleanupSignedIn` closes them. */
const opened: Replica[] = [];

/** A server that cannot be reached: the replica works locally, as it does offline. */
const unreachable: ReplicationTransport = {
  pull: () => Promise.reject(new NetworkError('offline in tests')),
  push: () => Promise.reject(new NetworkError('offline in tests')),
};

/** A real replica in memory for one test account, offline, not pruning on a timer. */
export async function openMemoryReplica(timeZone = 'Europe/Berlin'): Promise<Replica> {
  const replica = await Replica.open({
    userId: `component-${++accounts}`,
    timeZone,
    transport: unreachable,
    stream: null,
    storage: getRxStorageMemory(),
    multiInstance: false,
    // Retries of the unreachable server would only add noise to a component test.
    retryTimeMs: 3_600_000,
    pruneEveryMs: 0,
  });
  opened.push(replica);
  return replica;
}

/** Answers one API request of the component under test; undefined: the server is unreachable. */
export type ApiHandler = (method: string, path: string) => Response | undefined;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export const apiAnswer = { json };

/**
 * Renders `ui` as the signed-in app renders a screen: the real session (answered by `api` for
 * `/auth/me`), the real replica context holding `replica`, the person's formatter and a router.
 * Resolves once the replica is open in the context.
 */
export async function renderSignedIn(
  ui: ReactNode,
  replica: Replica,
  api: ApiHandler = () => undefined,
): Promise<Me> {
  const user: Me = {
    id: `user-of-${replica.db.name}`,
    email: 'person@example.org',
    timeZone: 'Europe/Berlin',
    isAdmin: false,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
  vi.stubGlobal('fetch', (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input, 'http://hearth.test');
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const method = init?.method ?? 'GET';
    if (path === '/auth/me') return Promise.resolve(json(200, user));
    const answer = api(method, path);
    return answer ? Promise.resolve(answer) : Promise.reject(new TypeError('Failed to fetch'));
  });
  let opened: () => void = () => {};
  const open = new Promise<void>((resolve) => (opened = resolve));
  render(
    <SessionProvider>
      <ReplicaProvider open={() => Promise.resolve(replica)}>
        <ReplicaOpened onOpen={opened} />
        <FormatProvider>
          <MemoryRouter>{ui}</MemoryRouter>
        </FormatProvider>
      </ReplicaProvider>
    </SessionProvider>,
  );
  // The screens render without a replica first (as they do while IndexedDB opens).
  await open;
  return user;
}

function ReplicaOpened({ onOpen }: { onOpen: () => void }) {
  const replica = useReplica();
  useEffect(() => {
    if (replica) onOpen();
  }, [replica, onOpen]);
  return null;
}

/** Unmounts, restores the real `fetch` and closes the replicas the test opened: an `afterEach`. */
export async function cleanupSignedIn(): Promise<void> {
  cleanup();
  vi.unstubAllGlobals();
  for (const replica of opened.splice(0)) {
    if (!replica.db.closed) await replica.close();
  }
}
