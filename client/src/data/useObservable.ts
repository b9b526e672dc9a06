import { useCallback, useEffect, useState, type DependencyList } from 'react';
import type { Observable } from 'rxjs';

/** What a live query shows: its latest value, why it stopped (if it failed), and a way to restart. */
export type ObservableResult<T> = {
  value: T;
  /** Why the observable failed; it has stopped, and `value` is the last one it gave. */
  error: Error | null;
  /** Subscribes again (a failed RxDB query does not recover by itself). */
  retry: () => void;
};

type State<T> = { deps: DependencyList; attempt: number; value: T; error: Error | null };

const sameDeps = (a: DependencyList, b: DependencyList): boolean =>
  a.length === b.length && a.every((d, i) => Object.is(d, b[i]));

const asError = (error: unknown): Error =>
  error instanceof Error ? error : new Error(String(error));

/**
 * The latest value of an observable made from `deps`; `initial` until it first emits and again
 * whenever `deps` change, so a screen never shows one query's result under another's labels. A
 * failure is part of the result rather than dropped, so the screen can say so instead of waiting
 * forever for a value that will not come.
 */
export function useObservable<T>(
  make: () => Observable<T> | null,
  deps: DependencyList,
  initial: T,
): ObservableResult<T> {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<State<T>>({ deps, attempt, value: initial, error: null });
  useEffect(() => {
    // A failure keeps the last value of these same deps on screen, never another query's.
    const failed = (error: unknown) =>
      setState((s) => ({
        deps,
        attempt,
        value: sameDeps(s.deps, deps) ? s.value : initial,
        error: asError(error),
      }));
    let observable: Observable<T> | null;
    try {
      observable = make();
    } catch (error) {
      // Building the query can fail too (a closed database): the same story as a failed query.
      failed(error);
      return;
    }
    if (!observable) return;
    const subscription = observable.subscribe({
      next: (value) => setState({ deps, attempt, value, error: null }),
      error: failed,
    });
    return () => subscription.unsubscribe();
    // `make` is recreated every render; `deps` (and a retry) say when it means something new.
  }, [...deps, attempt]);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  if (!sameDeps(state.deps, deps)) return { value: initial, error: null, retry };
  // After a retry the last value stays on screen until the new subscription answers.
  return { value: state.value, error: state.attempt === attempt ? state.error : null, retry };
}
