/**
 * A live view of the local replica that failed (`useObservable`'s `error`): what could not be
 * shown, a way to try again, and the technical reason folded away for a bug report.
 */
export function LoadError(props: {
  what: string;
  error: Error;
  onRetry?: () => void;
  /** What the screen does meanwhile, when it carries on. */
  meanwhile?: string;
}) {
  const { what, error, onRetry, meanwhile } = props;
  return (
    <div role="alert" className="load-error">
      <p className="error-text">
        {what} could not be read from this browser’s storage.{meanwhile && ` ${meanwhile}`}{' '}
        {onRetry && (
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        )}
      </p>
      <details>
        <summary>Details</summary>
        <p className="muted">{error.message || error.name}</p>
      </details>
    </div>
  );
}
