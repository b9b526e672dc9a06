import { useReplica } from '../../app/replicaContext.js';
import { useNow } from '../../data/useBrowser.js';
import { useObservable } from '../../data/useObservable.js';
import { useSettings } from '../../data/useReplicaData.js';
import {
  cancelImport,
  importState$,
  resetImport,
  startImport,
  type ImportState,
} from '../../import/importState.js';
import { spawnImportWorker } from '../../import/spawnImportWorker.js';
import { ExportFilePicker } from './ExportFilePicker.js';
import { ImportProgressView } from './ImportProgressView.js';
import { ImportSummaryView } from './ImportSummaryView.js';
import './importPage.css';
import { format } from '../../format/currentFormat.js';

function failureText(state: ImportState & { status: 'failed' }): string {
  if (state.code === 'import-not-an-export') {
    return `${state.fileName} is not an Apple Health export. Choose the export.zip from the Health app, or the export.xml inside it.`;
  }
  return `The import stopped: ${state.message}`;
}

function Ended({ state }: { state: ImportState & { status: 'cancelled' | 'failed' } }) {
  const kept = state.written.added + state.written.replaced;
  return (
    <section aria-labelledby="import-ended-title">
      <h2 id="import-ended-title">
        {state.status === 'cancelled' ? 'Import cancelled' : 'Import failed'}
      </h2>
      {state.status === 'failed' && (
        <p role="alert" className="error-text">
          {failureText(state)}
        </p>
      )}
      <p role="status">
        {kept > 0
          ? `${format().number(kept)} samples read before it stopped are in Hearth. Importing the file again adds the rest and changes nothing already there.`
          : 'Nothing was written.'}
      </p>
    </section>
  );
}

export function ImportPage() {
  const replica = useReplica();
  const { settings } = useSettings();
  // An in-memory subject that never fails: only its value matters.
  const stored = useObservable(() => importState$, [], importState$.value).value;
  // An import of another account (signed out meanwhile) is not this one's business.
  const state: ImportState =
    stored.status !== 'idle' && stored.database !== replica?.db.name ? { status: 'idle' } : stored;
  const now = useNow(1000);
  const reading = state.status === 'reading';
  return (
    <>
      <h1>Import</h1>
      <p>
        Bring your history from Apple Health. On your iPhone, open the Health app, tap your profile
        picture, then <strong>Export All Health Data</strong>. Send the <code>export.zip</code> it
        makes to this device (AirDrop, Files or mail) and choose it here.
      </p>
      <p className="muted">
        The file is read on this device, in the background, and never uploaded as it is: its samples
        go into Hearth like any other and sync when you are online. One Hearth device is made for
        each watch, phone or app in the export; importing the same export, or a later one, again
        adds only what is new.
      </p>
      {reading ? (
        <ImportProgressView
          fileName={state.fileName}
          startedAt={state.startedAt}
          progress={state.progress}
          now={Math.max(now, state.startedAt)}
          onCancel={cancelImport}
        />
      ) : (
        <>
          {state.status === 'done' && (
            <ImportSummaryView summary={state.summary} written={state.written} />
          )}
          {(state.status === 'cancelled' || state.status === 'failed') && <Ended state={state} />}
          {state.status !== 'idle' && (
            <button type="button" onClick={resetImport}>
              Import another file
            </button>
          )}
          {state.status === 'idle' && (
            <ExportFilePicker
              disabled={!replica}
              onFile={(file) =>
                replica && startImport(replica, file, settings.timeZone, spawnImportWorker)
              }
            />
          )}
        </>
      )}
    </>
  );
}
