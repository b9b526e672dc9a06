import { meSchema, type Me } from '@hearth/schema';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import * as auth from '../api/auth.js';
import { ApiError, NetworkError } from '../api/http.js';

export type Session =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; user: Me; verified: boolean };

type SessionActions = {
  signIn(email: string, password: string): Promise<void>;
  signUp(email: string, password: string, timeZone: string): Promise<void>;
  /** Ends the session on the server, then wipes this account's local data. Needs the network. */
  signOut(wipeLocalData: () => Promise<void>): Promise<void>;
  /** The server no longer knows the session (expired): ask to sign in again, keeping local data. */
  expire(): void;
};

const SessionContext = createContext<(SessionActions & { session: Session }) | null>(null);

/**
 * The last account that signed in on this browser. Offline, the server cannot say who is signed
 * in, so the app reopens this account's replica (the session cookie itself is httpOnly).
 */
const USER_KEY = 'hearth:user';

function rememberedUser(): Me | null {
  try {
    const parsed = meSchema.safeParse(JSON.parse(localStorage.getItem(USER_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function remember(user: Me | null): void {
  if (user) localStorage.setItem(USER_KEY, JSON.stringify(user));
  else localStorage.removeItem(USER_KEY);
}

async function resolveSession(signal: AbortSignal): Promise<Session> {
  try {
    const user = await auth.fetchMe(signal);
    remember(user);
    return { status: 'signed-in', user, verified: true };
  } catch (error) {
    if (error instanceof NetworkError || (error instanceof ApiError && error.status >= 500)) {
      const user = rememberedUser();
      return user ? { status: 'signed-in', user, verified: false } : { status: 'signed-out' };
    }
    if (error instanceof ApiError && error.status === 401) remember(null);
    if (error instanceof ApiError) return { status: 'signed-out' };
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    resolveSession(controller.signal).then(setSession, (error: unknown) => {
      if (!controller.signal.aborted) throw error;
    });
    return () => controller.abort();
  }, []);

  const signedIn = useCallback((user: Me) => {
    remember(user);
    setSession({ status: 'signed-in', user, verified: true });
  }, []);

  const signIn = useCallback(
    async (email: string, password: string) => signedIn(await auth.login({ email, password })),
    [signedIn],
  );
  const signUp = useCallback(
    async (email: string, password: string, timeZone: string) =>
      signedIn(await auth.register({ email, password, timeZone })),
    [signedIn],
  );
  const signOut = useCallback(async (wipeLocalData: () => Promise<void>) => {
    await auth.logout();
    await wipeLocalData();
    remember(null);
    setSession({ status: 'signed-out' });
  }, []);

  const expire = useCallback(() => {
    remember(null);
    setSession({ status: 'signed-out' });
  }, []);

  const value = useMemo(
    () => ({ session, signIn, signUp, signOut, expire }),
    [session, signIn, signUp, signOut, expire],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession() {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
