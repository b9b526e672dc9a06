import { useEffect, useRef, useState } from 'react';

/** What a control shows about the last run of its action. */
export type Action<A extends unknown[]> = {
  /** Starts the action; a handler can pass it straight to `onClick` or `onSubmit`. */
  run: (...args: A) => void;
  /** True while the action runs: the control says so and refuses a second run. */
  busy: boolean;
  /** The failure of the last run, in words for the person; null once a new run starts. */
  error: string | null;
};

/**
 * Runs an async event handler so that its failure is said to the person instead of becoming an
 * unhandled rejection that only the console sees. `describe` turns what was thrown into a
 * sentence (shown in a `role="alert"` next to the control); the control stays usable, so the
 * person can try again. ESLint forbids `void`-ing a promise in a JSX handler so that every async
 * handler comes through here (see `eslint.config.js`).
 */
export function useAction<A extends unknown[]>(
  action: (...args: A) => Promise<unknown>,
  describe: (error: unknown) => string,
): Action<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // An action may outlive its control (a deletion that removes the row it was clicked in).
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // A new `run` each render, like any inline handler: it closes over this render's `action`.
  const run = (...args: A) => {
    setBusy(true);
    setError(null);
    // Started synchronously (a handler may call `event.preventDefault()`), and a synchronous
    // throw becomes a rejection like any other failure.
    new Promise<unknown>((resolve) => resolve(action(...args))).then(
      () => {
        if (mounted.current) setBusy(false);
      },
      (caught: unknown) => {
        if (!mounted.current) return;
        setError(describe(caught));
        setBusy(false);
      },
    );
  };

  return { run, busy, error };
}
