import { useEffect, useState, type DependencyList } from 'react';
import type { Observable } from 'rxjs';

/**
 * The latest value of an observable made from `deps`; `initial` until it first emits and again
 * whenever `deps` change, so a screen never shows one query's result under another's labels.
 */
export function useObservable<T>(
  make: () => Observable<T> | null,
  deps: DependencyList,
  initial: T,
): T {
  const [state, setState] = useState<{ deps: DependencyList; value: T }>({ deps, value: initial });
  useEffect(() => {
    const observable = make();
    if (!observable) return;
    const subscription = observable.subscribe((value) => setState({ deps, value }));
    return () => subscription.unsubscribe();
    // `make` is recreated every render; `deps` says when it means something new.
  }, deps);
  const fresh =
    state.deps.length === deps.length && state.deps.every((d, i) => Object.is(d, deps[i]));
  return fresh ? state.value : initial;
}
