import type { ImportProgress } from '@hearth/core/import';
import { progressView } from './importProgress.js';

type Props = {
  fileName: string;
  startedAt: number;
  progress: ImportProgress | null;
  now: number;
  onCancel: () => void;
};

/** The bar and the figures while the worker reads, with the way out. */
export function ImportProgressView({ fileName, startedAt, progress, now, onCancel }: Props) {
  const view = progress ? progressView(progress, startedAt, now) : null;
  return (
    <section className="import-progress" aria-labelledby="import-progress-title">
      <h2 id="import-progress-title">Reading {fileName}</h2>
      <label htmlFor="import-progress">
        {view?.percent !== null && view?.percent !== undefined
          ? `${view.percent} % read`
          : 'Starting…'}
      </label>
      {view?.percent !== null && view?.percent !== undefined ? (
        <progress id="import-progress" max={100} value={view.percent} />
      ) : (
        <progress id="import-progress" />
      )}
      <dl className="import-figures" aria-live="off">
        <div>
          <dt>Read</dt>
          <dd data-testid="import-bytes">{view?.bytes ?? '0 MB'}</dd>
        </div>
        <div>
          <dt>Records</dt>
          <dd data-testid="import-records">{view?.records ?? '0'}</dd>
        </div>
        <div>
          <dt>Samples kept</dt>
          <dd data-testid="import-samples">{view?.samples ?? '0'}</dd>
        </div>
        <div>
          <dt>Speed</dt>
          <dd>{view?.speed ?? '—'}</dd>
        </div>
        <div>
          <dt>Time left</dt>
          <dd>{view?.timeLeft ?? '—'}</dd>
        </div>
      </dl>
      <p className="muted">
        You can use the other screens meanwhile; keep Hearth open until the import ends.
      </p>
      <button type="button" onClick={onCancel}>
        Cancel import
      </button>
    </section>
  );
}
